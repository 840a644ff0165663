package io.cpra.bench.realtarget;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx on loopback as the target, with a config the suite writes to its own folder.
 * Its access log is the ground truth: one line per request,
 * {@code $msec $request_time $status $arg_m $connection $connection_requests}, written through a
 * buffer flushed every second so that logging costs nginx little.
 *
 * <ul>
 *   <li>the main server keeps connections open (a million requests, 75 s idle) and serves
 *       {@code /ok} and {@code /tcp} (200 at once) and {@code /slow}, proxied to the
 *       {@link Tarpit}, which never answers: nginx gives up after 5 s ({@code proxy_read_timeout})
 *       with a 504, or logs 499 when the client gave up first;</li>
 *   <li>the closing server serves {@code /ok} and closes each connection after
 *       {@code keepalive_requests} requests or {@code keepalive_timeout} idle.</li>
 * </ul>
 *
 * <p>Started as {@code nginx -p DIR -c DIR/nginx.conf -e DIR/error.log -g 'daemon off;'}; run as
 * root, the master drops its workers to nginx's default user, so the folder is world-readable.
 */
final class Nginx {

    /** The access log's fields, in order. */
    static final String LOG_FORMAT = "$msec $request_time $status $arg_m $connection $connection_requests";

    private final Children.Child child;
    private final Path accessLog;
    private final Settings settings;

    /**
     * How nginx runs.
     *
     * @param binary            the nginx program
     * @param workers           {@code worker_processes}: a number or {@code auto}
     * @param closingRequests   requests after which the closing server closes a connection
     * @param closingIdle       idle time after which the closing server closes a connection
     */
    record Settings(Path binary, String workers, int closingRequests, Duration closingIdle) {
    }

    private Nginx(Children.Child child, Path accessLog, Settings settings) {
        this.child = child;
        this.accessLog = accessLog;
        this.settings = settings;
    }

    /**
     * Writes the config and starts nginx, then waits until both servers accept connections.
     *
     * @param settings   how it runs
     * @param folder     its prefix folder (config, logs, temp files)
     * @param endpoints  its two ports
     * @param tarpitPort the upstream of {@code /slow}
     * @param children   where the process is registered
     * @return the running nginx
     * @throws IOException when it does not start
     */
    static Nginx start(Settings settings, Path folder, Endpoints endpoints, int tarpitPort, Children children)
            throws IOException {
        Files.createDirectories(folder.resolve("temp"));
        Path conf = folder.resolve("nginx.conf");
        Files.writeString(conf, config(settings, endpoints, tarpitPort, openFileLimit()));
        Path accessLog = folder.resolve("access.log");
        Children.Child child = children.start("nginx", List.of(settings.binary().toString(), "-p", folder + "/",
                        "-c", conf.toString(), "-e", folder.resolve("error.log").toString(), "-g", "daemon off;"),
                Map.of(), folder, folder.resolve("nginx.out"), Children.Signal.QUIT, Duration.ofSeconds(15));
        Nginx nginx = new Nginx(child, accessLog, settings);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int port : new int[] {endpoints.main(), endpoints.closing()}) {
            while (!accepts(port)) {
                if (!child.alive() || System.nanoTime() > deadline) {
                    children.stop(child);
                    throw new IOException("nginx did not start: " + tail(folder.resolve("error.log"))
                            + tail(folder.resolve("nginx.out")));
                }
                Children.sleep(50);
            }
        }
        return nginx;
    }

    static String config(Settings settings, Endpoints endpoints, int tarpitPort, long openFiles) {
        long connections = Math.max(1024, Math.min(65_536, openFiles - 64));
        return """
                # written by the real-target suite (io.cpra.bench.realtarget)
                worker_processes %s;
                worker_rlimit_nofile %d;
                pid nginx.pid;
                error_log error.log warn;
                events {
                    worker_connections %d;
                    multi_accept on;
                }
                http {
                    log_format truth '%s';
                    access_log access.log truth buffer=256k flush=1s;
                    server_tokens off;
                    default_type text/plain;
                    client_body_temp_path temp/body;
                    proxy_temp_path temp/proxy;
                    fastcgi_temp_path temp/fastcgi;
                    uwsgi_temp_path temp/uwsgi;
                    scgi_temp_path temp/scgi;
                    upstream tarpit {
                        server 127.0.0.1:%d;
                    }
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        keepalive_requests 1000000;
                        keepalive_timeout 75s;
                        location = /ok { return 200 "OK\\n"; }
                        location = /tcp { return 200 "OK\\n"; }
                        location = /slow {
                            proxy_pass http://tarpit;
                            proxy_connect_timeout 5s;
                            proxy_read_timeout 5s;
                        }
                        location / { return 404; }
                    }
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        keepalive_requests %d;
                        keepalive_timeout %ds;
                        location = /ok { return 200 "OK\\n"; }
                        location / { return 404; }
                    }
                }
                """.formatted(settings.workers(), openFiles, connections, LOG_FORMAT, tarpitPort, endpoints.main(),
                endpoints.closing(), settings.closingRequests(), Math.max(1, settings.closingIdle().toSeconds()));
    }

    /** @return the access log (the ground truth) */
    Path accessLog() {
        return accessLog;
    }

    /** @return the master's pid; its workers are its children */
    long pid() {
        return child.pid();
    }

    /** @return how it runs */
    Settings settings() {
        return settings;
    }

    /**
     * Stops nginx gracefully (SIGQUIT), which writes out the buffered access log.
     *
     * @param children where it was registered
     */
    void stop(Children children) {
        children.stop(child);
    }

    /** The hard limit of open files, which an unprivileged nginx worker cannot go beyond. */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.trim().split("\\s+");
                    String hard = fields[4];
                    return "unlimited".equals(hard) ? 1_048_576 : Long.parseLong(hard);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 4096;
        }
        return 4096;
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Endpoints.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "";
        }
    }
}
