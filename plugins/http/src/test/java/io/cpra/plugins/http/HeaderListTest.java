package io.cpra.plugins.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderListTest {

    @Test
    void cpraListAndMapGiveTheSameHeaders() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("Accept", "application/json");
        map.put("X-Token", 42);

        HeaderList fromList = HeaderList.parse(List.of("Accept: application/json", "X-Token:42"), "headers");
        HeaderList fromMap = HeaderList.parse(map, "headers");

        assertThat(fromList).isEqualTo(fromMap);
        assertThat(fromList.lines()).containsExactly("Accept: application/json", "X-Token: 42");
    }

    @Test
    void valuesMayHoldColons() {
        HeaderList headers = HeaderList.parse(List.of("Authorization: Bearer a:b:c"), "headers");

        assertThat(headers.lines()).containsExactly("Authorization: Bearer a:b:c");
        assertThat(headers.headers()[0].get()).isEqualTo("Bearer a:b:c");
    }

    @Test
    void repeatedNamesBecomeOneHeaderWithTwoValues() {
        HeaderList headers = HeaderList.parse(List.of("Accept: text/plain", "accept: text/html"), "headers");

        assertThat(headers.headers()).hasSize(1);
        assertThat(headers.headers()[0].allValues()).containsExactly("text/plain", "text/html");
    }

    @Test
    void valuesThatCouldEndTheHeaderAndNamesThatFrameTheMessageAreRefused() {
        for (String line : List.of("X-A: a\u0000b", "X-A: a\u000bb", "Host: internal.example", "Content-Length: 0",
                "transfer-encoding: chunked", "Connection: close")) {
            assertThatThrownBy(() -> HeaderList.parse(List.of(line), "headers")).as(line)
                    .isInstanceOf(HeaderList.Malformed.class);
        }
        assertThatThrownBy(() -> HeaderList.parse(Map.of("X-A", "a\r\nGET /x HTTP/1.1"), "headers"))
                .isInstanceOf(HeaderList.Malformed.class).hasMessageContaining("line breaks");
        assertThat(HeaderList.parse(List.of("X-A: a\tb"), "headers").lines()).containsExactly("X-A: a\tb");
    }

    @Test
    void knowsWhichNamesArePresent() {
        HeaderList headers = HeaderList.parse(List.of("Authorization: x"), "headers");

        assertThat(headers.has("authorization")).isTrue();
        assertThat(headers.has("Auth")).isFalse();
        assertThat(headers.with("X-A", "1").lines()).containsExactly("Authorization: x", "X-A: 1");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(List.of("Accept application/json"), "headers[0]"),
                Arguments.of(List.of("ok: 1", ": empty"), "headers[1]"),
                Arguments.of(List.of("Bad Name: 1"), "headers[0]"),
                Arguments.of(List.of(Map.of("a", "b")), "headers[0]"),
                Arguments.of(Map.of("X-A", "line\nbreak"), "headers.X-A"),
                Arguments.of(Map.of("X-A", List.of("1")), "headers.X-A"),
                Arguments.of("Accept x", "headers"),
                Arguments.of(5, "headers"));
    }

    @org.junit.jupiter.api.Test
    void oneStringStandsForAListOfOne() {
        assertThat(HeaderList.parse("Accept: application/json", "headers").lines())
                .containsExactly("Accept: application/json");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEntriesAreNamed(Object raw, String where) {
        assertThatThrownBy(() -> HeaderList.parse(raw, "headers"))
                .isInstanceOfSatisfying(HeaderList.Malformed.class, e -> assertThat(e.where).isEqualTo(where));
    }
}
