package io.cpra.bench.realtarget;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The assembled distribution run as its users run it: a private copy of
 * {@code distribution/target/cpra-<version>/} (its own data and logs), started through
 * {@code bin/cpra} with the suite's manifest, a free port on loopback, JVM options in
 * {@code CPRA_JAVA_OPTS} and a random API token for reloads. Read through its HTTP API.
 *
 * <p>Thread-safe: the HTTP client is, and the process is only started and stopped by the runner.
 */
final class Cpra {

    private final Path home;
    private final Children.Child child;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Cpra(Path home, Children.Child child, int port, String token) {
        this.home = home;
        this.child = child;
        this.port = port;
        this.token = token;
    }

    /**
     * Copies the distribution into {@code home} and starts it, then waits until it is ready.
     *
     * @param distribution the assembled distribution
     * @param home         where to copy it
     * @param manifest     the manifest to run
     * @param javaOptions  {@code CPRA_JAVA_OPTS}
     * @param readyWithin  how long loading the manifest and starting may take
     * @param children     where the process is registered
     * @return the running server
     * @throws IOException when it cannot be copied or started, or is not ready in time
     */
    static Cpra start(Path distribution, Path home, Path manifest, String javaOptions, Duration readyWithin,
                      Children children) throws IOException {
        if (!Files.isExecutable(distribution.resolve("bin/cpra"))) {
            throw new IOException("no assembled distribution at " + distribution
                    + "; build it with ./mvnw -B -DskipTests package, or pass --dist=FOLDER");
        }
        copyTree(distribution, home);
        int port = freePort();
        String token = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_HOST", Endpoints.HOST);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("CPRA_MANIFEST", manifest.toAbsolutePath().toString());
        environment.put("CPRA_API_TOKEN", token);
        environment.put("CPRA_JAVA_OPTS", javaOptions);
        Children.Child child = children.start("cpra", List.of(home.resolve("bin/cpra").toString(), "serve"),
                environment, home, home.resolve("cpra.out"), Children.Signal.TERM, Duration.ofSeconds(60));
        Cpra cpra = new Cpra(home, child, port, token);
        long deadline = System.nanoTime() + readyWithin.toNanos();
        while (true) {
            if (!child.alive()) {
                throw new IOException("cpra exited before it was ready:\n" + cpra.outputTail());
            }
            try {
                if (cpra.get("/observe/health/ready").statusCode() == 200) {
                    return cpra;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                children.stop(child);
                throw new IOException("cpra was not ready within " + readyWithin + ":\n" + cpra.outputTail());
            }
            Children.sleep(250);
        }
    }

    /** @return the pid of its JVM ({@code bin/cpra} execs java) */
    long pid() {
        return child.pid();
    }

    /** @return its copy of the distribution */
    Path home() {
        return home;
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /**
     * @param path an API path
     * @return the answer, which must be 200, as JSON
     * @throws IOException when it cannot be had
     */
    JsonObject json(String path) throws IOException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * Reads the manifest file again ({@code POST /api/v1/manifest/reload}) and waits for the answer.
     *
     * @return the answer: added, changed, unchanged, removed
     * @throws IOException when the reload is refused
     */
    JsonObject reload() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/manifest/reload"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200) {
            throw new IOException("reload answered " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Stops it with SIGTERM (killed after 60 s). */
    void stop(Children children) {
        children.stop(child);
    }

    String outputTail() {
        try {
            String text = Files.readString(home.resolve("cpra.out"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + Endpoints.HOST + ":" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(Endpoints.HOST))) {
            return socket.getLocalPort();
        }
    }

    /** {@code cp -a}: keeps the launcher's mode and the folders' layout as the build made them. */
    private static void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try {
            Process copy = new ProcessBuilder("cp", "-a", source + "/.", target.toString())
                    .redirectErrorStream(true).start();
            String output = new String(copy.getInputStream().readAllBytes());
            if (copy.waitFor() != 0) {
                throw new IOException("could not copy " + source + " to " + target + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
