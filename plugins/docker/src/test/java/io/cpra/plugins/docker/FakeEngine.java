package io.cpra.plugins.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker Engine stand-in for tests: a real HTTP/1.1 server on a unix-domain socket that
 * answers the container endpoints from a script of raw responses per container and action,
 * and records every request head.
 */
final class FakeEngine implements AutoCloseable {

    /** Raw answers: 204, 404 with a JSON body, 500 with a chunked JSON body, and silence. */
    static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\nApi-Version: 1.41\r\n\r\n";
    static final String NOT_MODIFIED = "HTTP/1.1 304 Not Modified\r\n\r\n";
    static final String SILENT = "";

    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeEngine(Path socket) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofPlatform().daemon().name("fake-docker-engine").start(this::serve);
    }

    static String json(int status, String reason, String message) {
        String body = "{\"message\":\"" + message + "\"}\n";
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String chunkedJson(int status, String reason, String message) {
        String body = "{\"message\":\"" + message + "\"}\n";
        int half = body.length() / 2;
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n"
                + Integer.toHexString(body.length() - half) + ";ext=1\r\n" + body.substring(half) + "\r\n0\r\n\r\n";
    }

    /**
     * Scripts the answer to a path, such as {@code /containers/web/restart}.
     *
     * @param path   the request path without query
     * @param answer the raw response, or {@link #SILENT} to never answer
     * @return this engine
     */
    FakeEngine answer(String path, String answer) {
        answers.put(path, answer);
        return this;
    }

    /** The request heads received, first lines only, oldest first. */
    List<String> requestLines() {
        return requests.stream().map(head -> head.substring(0, head.indexOf("\r\n"))).toList();
    }

    /** The request heads received, whole. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                String head = readHead(connection);
                requests.add(head);
                String target = head.split(" ")[1];
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                path = path.replaceFirst("^/v\\d+\\.\\d+", "");
                String answer = answers.getOrDefault(path, json(404, "Not Found", "page not found"));
                if (answer.isEmpty()) {
                    waitForClose(connection);
                    continue;
                }
                connection.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException closed) {
                // server closed by the test, or a client gone: either way, next connection
            }
        }
    }

    private static String readHead(SocketChannel connection) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            buffer.clear();
            if (connection.read(buffer) < 0) {
                throw new IOException("client hung up");
            }
            head.write(buffer.array(), 0, buffer.position());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void waitForClose(SocketChannel connection) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(64);
        while (connection.read(sink) >= 0) {
            sink.clear();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5000);
    }
}
