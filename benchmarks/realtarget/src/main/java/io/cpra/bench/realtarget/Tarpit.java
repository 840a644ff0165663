package io.cpra.bench.realtarget;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The upstream behind nginx's {@code /slow}: accepts every connection, reads and discards what
 * comes, and never answers, so nginx answers only when its {@code proxy_read_timeout} runs out.
 * Closes a connection when its peer does. One thread and one selector; not thread-safe beyond
 * {@link #close()}, which any thread may call.
 */
final class Tarpit implements AutoCloseable {

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile boolean closed;

    private Tarpit(Selector selector, ServerSocketChannel server) {
        this.selector = selector;
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("realtarget-tarpit").unstarted(this::loop);
    }

    /**
     * Opens the tarpit on a free loopback port and starts its thread.
     *
     * @return the running tarpit
     * @throws IOException when no port can be had
     */
    static Tarpit start() throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(Endpoints.HOST, 0), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        Tarpit tarpit = new Tarpit(selector, server);
        tarpit.thread.start();
        return tarpit;
    }

    /** @return its port */
    int port() {
        return server.socket().getLocalPort();
    }

    private void loop() {
        ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
        try {
            while (!closed) {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel channel;
                        while ((channel = server.accept()) != null) {
                            channel.configureBlocking(false);
                            channel.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        drain((SocketChannel) key.channel(), key, sink);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("tarpit stopped: " + e);
            }
        }
    }

    private static void drain(SocketChannel channel, SelectionKey key, ByteBuffer sink) {
        try {
            int read;
            do {
                sink.clear();
                read = channel.read(sink);
            } while (read > 0);
            if (read < 0) {
                key.cancel();
                channel.close();
            }
        } catch (IOException reset) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            // closing anyway
        }
    }
}
