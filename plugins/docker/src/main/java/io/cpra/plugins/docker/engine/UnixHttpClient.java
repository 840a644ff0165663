package io.cpra.plugins.docker.engine;

import io.cpra.plugin.api.Deadline;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sends one HTTP/1.1 request without a body over a unix-domain socket and reads the response.
 * The socket runs non-blocking under a {@link Selector}, so reading and writing never wait
 * past the deadline; an interrupt wakes the selector and ends the call.
 *
 * <p>Stateless and thread-safe: each call opens, uses and closes its own connection.
 */
public final class UnixHttpClient {

    private static final int READ_CHUNK = 8192;

    private final Path socket;

    private UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    /**
     * A client for the server listening on a socket file.
     *
     * @param socket the socket's path, such as {@code /var/run/docker.sock}
     * @return the client
     */
    public static UnixHttpClient create(Path socket) {
        return new UnixHttpClient(socket);
    }

    /**
     * Sends a request and reads the whole response.
     *
     * @param method   such as {@code POST}
     * @param target   the request target, path and query, such as {@code /containers/web/restart?t=10}
     * @param deadline when the exchange must be over
     * @return the response
     * @throws IOException          when the socket cannot be reached, the server hangs up early,
     *                              the response is malformed, or the deadline passes
     * @throws InterruptedException when the thread is interrupted
     */
    public HttpResponse send(String method, String target, Deadline deadline) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before connecting to " + socket);
        }
        try {
            return exchange(method, target, deadline);
        } catch (ClosedByInterruptException e) {
            // the channel closed itself because the thread was interrupted mid-call
            Thread.interrupted();
            InterruptedException interrupted = new InterruptedException("interrupted while talking to " + socket);
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private HttpResponse exchange(String method, String target, Deadline deadline) throws IOException, InterruptedException {
        byte[] request = (method + " " + target + " HTTP/1.1\r\n"
                + "Host: docker\r\n"
                + "User-Agent: cpra\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: 0\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            // A unix-domain connect completes or fails at once; no need to select on it.
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, deadline, "sending the request");
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            ResponseParser parser = new ResponseParser(method);
            ByteBuffer in = ByteBuffer.allocate(READ_CHUNK);
            while (true) {
                in.clear();
                int read = channel.read(in);
                if (read > 0) {
                    parser.feed(in.array(), 0, read);
                }
                Optional<HttpResponse> response = parser.response(read < 0);
                if (response.isPresent()) {
                    return response.get();
                }
                if (read < 0) {
                    throw new IOException("the server closed the connection before the response was complete");
                }
                if (read == 0) {
                    await(selector, deadline, "waiting for the response");
                }
            }
        }
    }

    private static void await(Selector selector, Deadline deadline, String doing) throws IOException, InterruptedException {
        if (deadline.expired()) {
            throw new IOException("deadline passed while " + doing);
        }
        selector.select(deadline.timeoutMillis());
        selector.selectedKeys().clear();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while " + doing);
        }
    }

    /**
     * The socket this client talks to.
     *
     * @return its path
     */
    public Path socket() {
        return socket;
    }
}
