package io.cpra.plugins.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator reads for each way a request fails: one line, short, saying what happened. */
class FailuresTest {

    private static final String HEX_DUMP = "HTTP response did not contain correct status line. Protocol is not HTTP: \n"
            + BufferData.create("TTP".getBytes(StandardCharsets.US_ASCII)).debugDataHex();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new IllegalStateException(HEX_DUMP),
                        "invalid HTTP response: HTTP response did not contain correct status line. Protocol is not HTTP"),
                Arguments.of(new IllegalStateException("HTTP Response did not contain HTTP status line. Line: \n"
                                + BufferData.create("garbage".getBytes(StandardCharsets.US_ASCII)).debugDataHex()),
                        "invalid HTTP response: HTTP Response did not contain HTTP status line. Line"),
                Arguments.of(new DataReader.InsufficientDataAvailableException(),
                        "connection closed by peer before the response was complete"),
                Arguments.of(new UncheckedIOException(new EOFException()),
                        "connection closed by peer before the response was complete"),
                Arguments.of(new UncheckedIOException(new SocketException("Connection reset")),
                        "connection reset by peer"),
                Arguments.of(new UncheckedIOException(new SocketException("Connection reset by peer")),
                        "connection reset by peer"),
                Arguments.of(new UncheckedIOException(new SocketException("Broken pipe")),
                        "connection closed by peer (broken pipe)"),
                Arguments.of(new UncheckedIOException(new SocketTimeoutException("Read timed out")),
                        "timed out after 3000 ms (Read timed out)"),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")),
                        "connection refused"),
                Arguments.of(new UncheckedIOException(new NoRouteToHostException("No route to host")),
                        "no route to host"),
                Arguments.of(new UncheckedIOException(new UnknownHostException("nowhere.invalid")),
                        "unknown host: nowhere.invalid"),
                Arguments.of(new UncheckedIOException("Failed to execute SSL handshake",
                                (IOException) new SSLHandshakeException("PKIX path validation failed")
                                        .initCause(new CertificateExpiredException("NotAfter: Mon Jan 01"))),
                        "TLS failed: the server certificate has expired"),
                Arguments.of(new RuntimeException("wrapper", new IllegalArgumentException("first line\nsecond line\r\nthird")),
                        "IllegalArgumentException: first line"),
                Arguments.of(new RuntimeException((String) null), "RuntimeException: no details"),
                Arguments.of(new IllegalArgumentException("a\u0007bell and a\ttab"),
                        "IllegalArgumentException: a bell and a tab"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureReadsAsOneLine(Throwable error, String expected) {
        assertThat(Failures.describe(error, 3000)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void onlyTimeoutsCountAsTimeouts(Throwable error, String described) {
        assertThat(Failures.timedOut(error)).isEqualTo(described.startsWith("timed out"));
    }

    @Property
    void anyMessageBecomesOneCappedLine(@ForAll String message) {
        String described = Failures.describe(new IllegalArgumentException(message), 12);

        assertThat(described).doesNotContain("\n", "\r", "+---");
        assertThat(described.length()).isLessThanOrEqualTo(Failures.MAX_MESSAGE);
        assertThat(described.chars()).allMatch(c -> c >= 0x20 && c != 0x7f);
    }

    @Property
    void aLongMessageIsCutWithAnEllipsis(@ForAll("long") String message) {
        String described = Failures.describe(new IllegalArgumentException(message), 12);

        assertThat(described).hasSize(Failures.MAX_MESSAGE).endsWith("...");
    }

    @net.jqwik.api.Provide("long")
    net.jqwik.api.Arbitrary<String> longMessages() {
        return net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(Failures.MAX_MESSAGE).ofMaxLength(2000);
    }
}
