package io.cpra.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An nginx started for one benchmark run: a config written to a temporary folder, a free port
 * on loopback, one worker, no access log, and a static page every path answers with. Stopped
 * by {@link #close()} (and by a shutdown hook, so an interrupted run leaves no server behind).
 *
 * <p>{@code stub_status} at {@code /nginx_status} counts accepted connections and requests: the
 * ground truth for how many connections a run opened.
 */
final class Nginx implements AutoCloseable {

    /** The text every page holds, for body rules. */
    static final String MARKER = "status: UP";

    private final Path folder;
    private final int port;
    private final Process process;
    private final Thread hook;

    private Nginx(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
        this.hook = new Thread(process::destroy, "nginx-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts nginx and waits until it accepts connections.
     *
     * @param binary            the nginx executable, such as {@code /usr/sbin/nginx}
     * @param bodyBytes         the size of the page
     * @param keepaliveRequests nginx's {@code keepalive_requests}: requests per connection before it closes it
     * @param keepaliveTimeout  nginx's {@code keepalive_timeout}: how long an idle connection stays open
     */
    static Nginx start(String binary, int bodyBytes, int keepaliveRequests, Duration keepaliveTimeout)
            throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("cpra-bench-nginx");
        Path www = Files.createDirectories(folder.resolve("www"));
        Files.createDirectories(folder.resolve("logs"));
        Files.writeString(www.resolve("index.html"), page(bodyBytes));
        // nginx started as root serves as an unprivileged user, which must reach the page
        for (Path path : List.of(folder, www, www.resolve("index.html"))) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String conf = String.format(Locale.ROOT, """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 8192; }
                http {
                    access_log off;
                    default_type text/html;
                    keepalive_requests %2$d;
                    keepalive_timeout %3$dms;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%4$d;
                        root %1$s/www;
                        location = /nginx_status { stub_status; }
                        location / { try_files /index.html =404; }
                    }
                }
                """, folder, keepaliveRequests, keepaliveTimeout.toMillis(), port);
        Path confFile = folder.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(binary, "-p", folder.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("logs/stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(folder, port, process);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > until) {
                    nginx.close();
                    throw new IOException("nginx did not start; see " + folder.resolve("logs"), notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    private static String page(int bytes) {
        StringBuilder page = new StringBuilder("<html><body><p>" + MARKER + "</p>");
        while (page.length() < bytes - "</body></html>\n".length()) {
            page.append('.');
        }
        return page.append("</body></html>\n").toString();
    }

    int port() {
        return port;
    }

    Path folder() {
        return folder;
    }

    /** Connections accepted and requests served since nginx started, from {@code stub_status}. */
    record Counts(long accepted, long requests) {
    }

    /** Reads {@code stub_status} over a connection of its own (counted in the figures: one each). */
    Counts counts() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /nginx_status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // "server accepts handled requests\n 12 12 345 \n"
            List<String> lines = text.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("server accepts")) {
                    String[] numbers = lines.get(i + 1).strip().split("\\s+");
                    return new Counts(Long.parseLong(numbers[0]), Long.parseLong(numbers[2]));
                }
            }
            throw new IOException("unexpected stub_status answer: " + text);
        }
    }

    /** Sockets in TIME_WAIT with this server's port at either end, from {@code /proc/net/tcp*}. */
    long timeWait() throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] fields = line.strip().split("\\s+");
                // sl local_address rem_address st ...; state 06 is TIME_WAIT
                if (fields.length > 3 && fields[3].equals("06")
                        && (fields[1].endsWith(hexPort) || fields[2].endsWith(hexPort))) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
