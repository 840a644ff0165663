package io.cpra.plugins.network;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback for tests: each accepted connection is handed to the handler on
 * its own virtual thread. Closing the server closes the listening socket and every
 * connection still open.
 */
final class LoopbackServer implements AutoCloseable {

    /** What the server does with one connection. */
    interface Handler {
        void handle(Socket connection) throws Exception;
    }

    private final ServerSocket server;
    private final CopyOnWriteArrayList<Socket> connections = new CopyOnWriteArrayList<>();

    private LoopbackServer(ServerSocketFactory factory, Handler handler) throws IOException {
        this.server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            handler.handle(connection);
                        } catch (Exception ignored) {
                            // the peer went away; nothing to serve
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    static LoopbackServer plain(Handler handler) throws IOException {
        return new LoopbackServer(ServerSocketFactory.getDefault(), handler);
    }

    static LoopbackServer tls(SSLContext context, Handler handler) throws IOException {
        return new LoopbackServer(context.getServerSocketFactory(), handler);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
