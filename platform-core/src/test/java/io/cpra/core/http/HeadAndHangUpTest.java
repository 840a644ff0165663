package io.cpra.core.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code HEAD} answers like {@code GET} without the body; a client that hangs up mid-body costs one log line. */
class HeadAndHangUpTest {

    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.withToken();
    }

    @AfterAll
    static void close() {
        api.close();
    }

    private static HttpResponse<byte[]> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return api.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void headAnswersLikeGetWithTheSameLengthAndNoBody() throws Exception {
        HttpResponse<byte[]> get = call("GET", "/api/v1/monitors");
        HttpResponse<byte[]> head = call("HEAD", "/api/v1/monitors");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(get.body().length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOfAMissingMonitorIsA404WithoutBody() throws Exception {
        HttpResponse<byte[]> head = call("HEAD", "/api/v1/monitors/nope");

        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headLeavesTheConnectionUsableForTheNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD /api/v1/summary HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /api/v1/summary HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = headOf(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: ");
            // straight after the HEAD's headers comes the GET's status line: no body between them
            assertThat(new String(in.readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 ");
            String get = headOf(in);
            int length = Integer.parseInt(get.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            assertThat(head).containsIgnoringCase("Content-Length: " + length);
            assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8)).startsWith("{\"monitors\"");
        }
    }

    @Test
    void headOfTheEventStreamAnswersWithoutStreaming() throws Exception {
        HttpResponse<byte[]> head = call("HEAD", "/api/v1/events");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    }

    @Test
    void aClientHangingUpMidBodyLogsOneLineWithoutAStack() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Logger dispatcher = Logger.getLogger(Dispatcher.class.getName());
        Level before = dispatcher.getLevel();
        dispatcher.setLevel(Level.INFO);
        root.addHandler(capture);
        try {
            try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/monitors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ApiFixture.TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"name\": \"half")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            // the server saw the hang-up when it logged about this request, or answered the next one
            for (int i = 0; i < 100 && records.stream().noneMatch(HeadAndHangUpTest::aboutTheHangUp); i++) {
                Thread.sleep(50);
            }
            assertThat(api.get("/api/v1/summary").status()).isEqualTo(200);
            assertThat(records).filteredOn(HeadAndHangUpTest::aboutTheHangUp).isNotEmpty();
            assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .as("warnings and errors about a client that left").isEmpty();
            assertThat(records).filteredOn(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.INFO.intValue())
                    .as("stack traces").isEmpty();
        } finally {
            root.removeHandler(capture);
            dispatcher.setLevel(before);
        }
    }

    /** Reads up to and including the empty line that ends a head. */
    private static String headOf(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static boolean aboutTheHangUp(LogRecord record) {
        return record.getLoggerName() != null && record.getLoggerName().startsWith("io.")
                && record.getLevel().intValue() >= Level.INFO.intValue()
                && record.getMessage() != null && record.getMessage().contains("/api/v1/monitors");
    }
}
