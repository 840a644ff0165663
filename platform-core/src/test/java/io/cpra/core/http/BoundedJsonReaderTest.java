package io.cpra.core.http;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded reader on its own: what it accepts reads back unchanged; each limit holds exactly. */
class BoundedJsonReaderTest {

    private static final BoundedJsonReader READER = new BoundedJsonReader(16, 4);

    private static JsonValue read(String text) {
        return READER.read(new StringReader(text));
    }

    private static ApiException refusal(String text) {
        try {
            read(text);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Property(tries = 300)
    void anyDocumentWithinTheLimitsReadsBackEqual(@ForAll("documents") JsonValue document) {
        assertThat(read(document.toString())).isEqualTo(document);
    }

    @Provide
    Arbitrary<JsonValue> documents() {
        return value(4);
    }

    /** Values nesting at most {@code depth} containers, strings and keys at most 16 characters. */
    private static Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(16).map(s -> (JsonValue) Json.createValue(s)),
                Arbitraries.longs().map(n -> (JsonValue) Json.createValue(n)),
                Arbitraries.bigDecimals().ofScale(3).between(BigDecimal.valueOf(-1e9), BigDecimal.valueOf(1e9))
                        .map(n -> (JsonValue) Json.createValue(n)),
                Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonValue> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<JsonValue> array = inner.list().ofMaxSize(4).map(items -> {
            JsonArrayBuilder builder = Json.createArrayBuilder();
            items.forEach(builder::add);
            return builder.build();
        });
        Arbitrary<JsonValue> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(16), inner).ofMaxSize(4).map(map -> {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            map.forEach(builder::add);
            return builder.build();
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [[[[1]]]]                       | ok
            [[[[[1]]]]]                     | '[0][0][0][0]: nests deeper than 4 levels'
            {"a":{"b":{"c":{"d":1}}}}       | ok
            {"a":{"b":{"c":{"d":{}}}}}      | 'a.b.c.d: nests deeper than 4 levels'
            "0123456789abcdef"              | ok
            "0123456789abcdefg"             | 'the body: a string longer than 16 characters'
            {"0123456789abcdefg":1}         | 'the body: a key longer than 16 characters'
            [1,{"k":["0123456789abcdefg"]}] | '[1].k[0]: a string longer than 16 characters'
            {"a":1,"b":2,"a":3}             | 'a: the key appears twice'
            """)
    void eachLimitHoldsExactlyAndTheRefusalNamesThePath(String text, String expected) {
        if (expected.equals("ok")) {
            assertThat(read(text).toString()).isEqualTo(text);
        } else {
            ApiException refusal = refusal(text);
            assertThat(refusal.status().code()).isEqualTo(400);
            assertThat(refusal.getMessage()).startsWith(expected + " (line 1, column ");
            assertThat(refusal.errors()).singleElement().satisfies(error ->
                    assertThat(error.path() + ": " + error.message()).isIn(expected, expected.replace("the body: ", ": ")));
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''            | the body is empty; expected JSON
            '   '         | the body is empty; expected JSON
            '{'           | the body is not valid JSON
            '[1,]'        | the body is not valid JSON at line 1, column 4
            '{} []'       | the body is not valid JSON at line 1, column 4
            'tru'         | the body is not valid JSON
            """)
    void malformedTextIsRefusedWithItsPosition(String text, String expected) {
        assertThat(refusal(text).getMessage()).startsWith(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1e2000", "123456789012345678901234567890123456789012345678901234567890123456789"})
    void numbersTooBigToConvertCheaplyAreRefused(String number) {
        assertThat(refusal("[" + number + "]").errors()).extracting(ApiException.FieldError::path).containsExactly("[0]");
    }

    @Test
    void aThousandLevelsAreRefusedAtTheFifth() {
        String deep = "[".repeat(1000) + "]".repeat(1000);

        assertThatThrownBy(() -> read(deep)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("[0][0][0][0]: nests deeper than 4 levels (line 1, column 6)");
        assertThat(List.of(refusal(deep).errors().getFirst().path())).containsExactly("[0][0][0][0]");
    }
}
