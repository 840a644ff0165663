package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugins.webhook.delivery.Fixtures;
import io.cpra.plugins.webhook.delivery.HttpSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A webhook intervention cannot be made to smuggle a second request onto the wire: a
 * {@code content_type} or header value with CR, LF or NUL, and the headers that frame the
 * message ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}),
 * are refused when the block is prepared. Each case is also sent, should the plugin accept it,
 * to a raw socket server that records every request line reaching it.
 */
class RequestInjectionTest {

    private static final String SMUGGLED = "\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    private final WebhookInterventionPlugin plugin = new WebhookInterventionPlugin(HttpSender.create(), () -> 0.5);
    private RawServer server;

    @AfterEach
    void stop() throws IOException {
        plugin.close();
        if (server != null) {
            server.close();
        }
    }

    static Stream<Map<String, Object>> hostile() {
        return Stream.of(
                Map.of("content_type", "application/json" + SMUGGLED),
                Map.of("content_type", "application/json\nX-Injected: 1"),
                Map.of("content_type", "application/json\0"),
                Map.of("headers", Map.of("X-Trace", "a" + SMUGGLED)),
                Map.of("headers", Map.of("X-Trace", "a\0b")),
                Map.of("headers", Map.of("Transfer-Encoding", "chunked")),
                Map.of("headers", Map.of("Content-Length", "0")),
                Map.of("headers", Map.of("host", "internal.example")),
                Map.of("headers", Map.of("Connection", "keep-alive, Upgrade")));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aBlockThatWouldInjectIntoTheRequestIsRefusedAndNothingIsSmuggled(Map<String, Object> hostile) throws Exception {
        server = new RawServer();
        Map<String, Object> config = new HashMap<>(hostile);
        config.put("url", "http://127.0.0.1:" + server.port() + "/restart");
        config.put("attempts", 1);

        Throwable refused = catchThrowable(() -> {
            Intervention intervention = plugin.prepare(PluginConfig.of("shop", "intervention.target", config),
                    PluginContext.of("shop", Path.of(".")));
            intervention.intervene(InterventionRequest.builder("shop").attempt(1, 1).build(), Fixtures.later());
        });

        assertThat(server.awaitQuiet()).as("request lines that reached the server").noneMatch(l -> l.contains("/smuggled"));
        assertThat(refused).as("preparing " + hostile.keySet()).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) refused).path()).startsWith("intervention.target." + hostile.keySet().iterator().next());
    }

    /** Accepts connections and records every HTTP request line it reads, answering each with 200. */
    private static final class RawServer implements AutoCloseable {
        private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^[A-Z]+ (/\\S*) HTTP/1\\.[01]\\r?$");
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread acceptor = Thread.ofVirtual().start(this::serve);

        RawServer() throws IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(500);
                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    InputStream in = client.getInputStream();
                    OutputStream out = client.getOutputStream();
                    byte[] buffer = new byte[4096];
                    try {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            read.write(buffer, 0, n);
                            if (read.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            }
                        }
                    } catch (SocketTimeoutException e) {
                        // the client sent all it will
                    }
                    Matcher matcher = REQUEST_LINE.matcher(read.toString(StandardCharsets.ISO_8859_1));
                    while (matcher.find()) {
                        lines.add(matcher.group());
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** The request lines seen, once the connection being read (if any) is done. */
        List<String> awaitQuiet() throws InterruptedException, IOException {
            socket.close();
            acceptor.join(5_000);
            return List.copyOf(lines);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
