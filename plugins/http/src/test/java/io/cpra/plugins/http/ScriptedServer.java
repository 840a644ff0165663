package io.cpra.plugins.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback whose every answer a test scripts: per connection and per
 * request on it, the script may answer, answer in pieces, or close the connection at a chosen
 * moment. Counts the connections it accepted. Each connection runs on a virtual thread.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    interface Script {
        /**
         * @param connection the connection's number, from 1
         * @param request    the request's number on that connection, from 1
         * @param target     the request's target, such as {@code /health?x=1}
         * @param out        the connection's output
         * @return false to close the connection after this request
         */
        boolean serve(int connection, int request, String target, OutputStream out) throws IOException, InterruptedException;
    }

    private static final int END_OF_HEAD = 0x0d0a0d0a;

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    ScriptedServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-server").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    int number = connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(client, number, script));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void serve(Socket client, int connection, Script script) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String target;
            for (int request = 1; (target = readRequest(in)) != null; request++) {
                requests.incrementAndGet();
                if (!script.serve(connection, request, target, out)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        }
    }

    /** Reads one request's head and body (by Content-Length); its target, or null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0; // the last four bytes read
        int b;
        while (last != END_OF_HEAD && (b = in.read()) >= 0) {
            head.write(b);
            last = last << 8 | b;
        }
        if (last != END_OF_HEAD) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        String[] requestLine = lines[0].split(" ");
        return requestLine.length > 1 ? requestLine[1] : "";
    }

    /** A complete 200 response with a body. */
    static byte[] ok(String body) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Requests read so far. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
