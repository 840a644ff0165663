package io.cpra.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private copy of the assembled distribution, run as a real OS process through
 * {@code bin/cpra}. Each test gets its own copy, so plugins dropped in or files written by
 * the server never leak between tests.
 */
final class Distribution {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path output;
    private int port;
    private int runs;
    private int fileLimit;

    private Distribution(Path home) {
        this.home = home;
    }

    /** Copies the distribution that `mvn package` assembled into {@code target}. */
    static Distribution copyTo(Path target) throws IOException {
        Path source = Path.of(System.getProperty("cpra.dist", "../distribution/target/cpra-dist-missing"));
        if (!Files.isDirectory(source.resolve("bin"))) {
            throw new IllegalStateException("no assembled distribution at " + source.toAbsolutePath()
                    + "; run the tests through `mvn verify`, which assembles it first");
        }
        copyTree(source, target);
        return new Distribution(target);
    }

    /** A home made some other way, such as the dev home {@code ./dev home} keeps; used in place. */
    static Distribution at(Path home) {
        if (!Files.isExecutable(home.resolve("bin/cpra"))) {
            throw new IllegalStateException("no bin/cpra in " + home);
        }
        return new Distribution(home);
    }

    Path home() {
        return home;
    }

    /** Starts later commands under {@code ulimit -n files} (soft and hard), as a tight container would. */
    Distribution fileLimit(int files) {
        this.fileLimit = files;
        return this;
    }

    /** The server's process, while it runs. */
    Process process() {
        return process;
    }

    /** The port {@link #serve()} chose. */
    int port() {
        return port;
    }

    Distribution env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs a sub-command to completion and returns its exit status and output. */
    Result run(String... args) throws IOException, InterruptedException {
        Path log = home.resolve("run-" + (++runs) + ".out");
        Process command = start(log, args);
        if (!command.waitFor(60, TimeUnit.SECONDS)) {
            command.destroyForcibly();
            throw new AssertionError("bin/cpra " + List.of(args) + " did not finish within 60 s");
        }
        return new Result(command.exitValue(), Files.readString(log));
    }

    /** Starts the server on a free port and waits until it reports ready. */
    Distribution serve() throws IOException, InterruptedException {
        return serveOn(freePort());
    }

    /** Starts the server on the given port and waits until it reports ready. */
    Distribution serveOn(int port) throws IOException, InterruptedException {
        this.port = port;
        env("SERVER_PORT", String.valueOf(port));
        env("SERVER_HOST", "127.0.0.1");
        output = home.resolve("serve-" + (++runs) + ".out");
        process = start(output);
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("cpra exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            try {
                if (get("/observe/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("cpra was not ready within " + READY_WITHIN + ":\n" + output());
    }

    /** Starts the server and waits for it to exit on its own, for start-up failures. */
    Result serveExpectingExit() throws IOException, InterruptedException {
        env("SERVER_PORT", String.valueOf(freePort()));
        return run();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** Sends a request without a body, with {@code Authorization: Bearer token} unless the token is null. */
    HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a JSON body, with {@code Authorization: Bearer token} unless the token is null. */
    HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the process with SIGKILL, as a crash or the OOM killer would, and waits for it to be gone. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("cpra did not die of SIGKILL within 10 s");
        }
    }

    /** Sends SIGHUP, which makes cpra read its manifest again. */
    void hangUp() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -HUP " + process.pid() + " failed");
        }
    }

    /** Sends SIGTERM and waits for the process to exit. */
    Result terminate(Duration within) throws IOException, InterruptedException {
        process.destroy();  // SIGTERM on POSIX systems
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cpra did not stop within " + within + " of SIGTERM:\n" + output());
        }
        return new Result(process.exitValue(), output());
    }

    /** Kills the server if a test left it running. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    String output() throws IOException {
        return output == null ? "" : Files.readString(output);
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (fileLimit > 0) {
            command.addAll(List.of("sh", "-c", "ulimit -n " + fileLimit + " && exec \"$0\" \"$@\""));
        }
        command.add(home.resolve("bin/cpra").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The exit status and combined output of a finished command. */
    record Result(int status, String output) {
    }
}
