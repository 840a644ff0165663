package io.cpra.plugins.docker.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseParserTest {

    private static final String LENGTH = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
            + "Content-Length: 18\r\n\r\n{\"message\":\"boom\"}";
    private static final String CHUNKED = "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "b\r\n{\"message\":\r\n7;name=value\r\n\"boom\"}\r\n0\r\nX-Trailer: 1\r\n\r\n";
    private static final String CONTINUE_THEN_EMPTY = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n";

    private static Optional<HttpResponse> parse(String raw, boolean ended) throws IOException {
        ResponseParser parser = new ResponseParser("POST");
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length);
        return parser.response(ended);
    }

    @ParameterizedTest
    @ValueSource(strings = {LENGTH, CHUNKED})
    void framedBodiesDecode(String raw) throws IOException {
        HttpResponse response = parse(raw, false).orElseThrow();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).isEqualTo("{\"message\":\"boom\"}");
    }

    @Test
    void interimResponsesAreSkippedAnd204HasNoBody() throws IOException {
        HttpResponse response = parse(CONTINUE_THEN_EMPTY, false).orElseThrow();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers()).containsEntry("x", "y");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unframedBodyEndsWithTheStream() throws IOException {
        String raw = "HTTP/1.0 200 OK\r\n\r\nplain text";

        assertThat(parse(raw, false)).isEmpty();
        assertThat(parse(raw, true).orElseThrow().text()).isEqualTo("plain text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 2000 Nope\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n"})
    void malformedResponsesAreRefused(String raw) {
        assertThatThrownBy(() -> parse(raw, true)).isInstanceOf(IOException.class);
    }

    @Property
    void anySplitGivesTheSameResponse(@ForAll @IntRange(min = 0, max = 150) int cut, @ForAll boolean chunked) throws IOException {
        byte[] raw = (chunked ? CHUNKED : LENGTH).getBytes(StandardCharsets.ISO_8859_1);
        int at = Math.min(cut, raw.length);
        ResponseParser parser = new ResponseParser("POST");

        parser.feed(raw, 0, at);
        Optional<HttpResponse> early = parser.response(false);
        parser.feed(raw, at, raw.length - at);

        assertThat(early.isPresent()).isEqualTo(at == raw.length);
        assertThat(parser.response(false).orElseThrow().text()).isEqualTo("{\"message\":\"boom\"}");
    }
}
