package io.cpra.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev home that {@code ./dev run} starts the server in: a refresh (what every {@code ./dev run}
 * does after its build, here {@code ./dev home}) replaces the program and the bundled plugins and
 * keeps what the user made. {@code ./dev run} itself is these steps after a Maven build, which a
 * test inside the build cannot run.
 */
class DevHomeIT {

    private static final Path DEV = Path.of(System.getProperty("cpra.dev", "../dev"));
    private static final Path DIST = Path.of(System.getProperty("cpra.dist", "../distribution/target/cpra-dist-missing"));
    private static final String TOKEN = "dev-home-it-" + UUID.randomUUID();

    @TempDir
    Path temp;

    private final List<Distribution> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Distribution::kill);
    }

    @Test
    void aDroppedInPluginAndAnApiMadeMonitorOutliveARefreshAndCpraSelfFollowsThePort() throws Exception {
        Path home = temp.resolve("home");
        int firstPort = Distribution.freePort();
        refresh(home, DIST, firstPort);
        Path plugin = Path.of(System.getProperty("cpra.example-check.jar"));
        Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        Distribution first = serve(home, firstPort);
        HttpResponse<String> created = first.send("POST", "/api/v1/monitors", TOKEN, """
                {"name": "api-made", "pulse_check": {"type": "synthetic", "interval": "5s"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitSelfChecked(first);
        assertThat(first.terminate(Duration.ofSeconds(15)).status()).isZero();

        int secondPort = Distribution.freePort();
        refresh(home, DIST, secondPort);
        Distribution second = serve(home, secondPort);

        assertThat(second.get("/api/v1/plugins").body())
                .contains("\"module\":\"io.cpra.plugins.examplecheck\"")
                .contains("plugins/" + plugin.getFileName());
        HttpResponse<String> kept = second.get("/api/v1/monitors/api-made");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(json(kept.body()).getString("origin")).isEqualTo("api");
        awaitSelfChecked(second);
        assertThat(second.terminate(Duration.ofSeconds(15)).status()).isZero();
    }

    @Test
    void aRefreshReplacesTheProgramAndBundledPluginsAndKeepsTheUsersFiles() throws Exception {
        Path home = temp.resolve("home");
        Path v1 = fakeBuild("v1", List.of("plugins/alpha/alpha.jar", "plugins/beta.jar", "lib/old.jar"),
                "port: 8080\n", "url: http://127.0.0.1:8080/observe/health/live # v1\n");
        refresh(home, v1, 7001);
        assertThat(read(home, "conf/monitors.yaml")).isEqualTo("url: http://127.0.0.1:7001/observe/health/live # v1\n");
        // what a user does between builds
        Files.writeString(home.resolve("plugins/mine.jar"), "dropped in");
        Files.createDirectories(home.resolve("plugins/mine-with-libs"));
        Files.writeString(home.resolve("data/cpra.db"), "state");
        Files.writeString(home.resolve("logs/alerts.log"), "codes");
        Files.writeString(home.resolve("conf/application.yaml"), "port: 8080\nmine: true\n");

        Path v2 = fakeBuild("v2", List.of("plugins/beta.jar", "plugins/gamma/gamma.jar", "lib/new.jar"),
                "port: 8080\nnew-setting: 1\n", "url: http://127.0.0.1:8080/observe/health/live # v2\n");
        String notices = refresh(home, v2, 7002);

        assertThat(Files.exists(home.resolve("plugins/alpha"))).as("a plugin the build no longer bundles").isFalse();
        assertThat(read(home, "plugins/beta.jar")).isEqualTo("v2 plugins/beta.jar");
        assertThat(read(home, "plugins/gamma/gamma.jar")).isEqualTo("v2 plugins/gamma/gamma.jar");
        assertThat(read(home, "plugins/mine.jar")).isEqualTo("dropped in");
        assertThat(home.resolve("plugins/mine-with-libs")).isDirectory();
        assertThat(Files.exists(home.resolve("lib/old.jar"))).isFalse();
        assertThat(read(home, "lib/new.jar")).isEqualTo("v2 lib/new.jar");
        assertThat(read(home, "bin/cpra")).contains("v2");
        assertThat(read(home, "data/cpra.db")).isEqualTo("state");
        assertThat(read(home, "logs/alerts.log")).isEqualTo("codes");
        // edited: kept, the build's new version beside it; not edited: follows the build
        assertThat(read(home, "conf/application.yaml")).isEqualTo("port: 8080\nmine: true\n");
        assertThat(read(home, "conf/application.yaml.new")).isEqualTo("port: 8080\nnew-setting: 1\n");
        assertThat(notices).contains("kept your conf/application.yaml; the build's new version is conf/application.yaml.new");
        assertThat(read(home, "conf/monitors.yaml")).isEqualTo("url: http://127.0.0.1:7002/observe/health/live # v2\n");

        // nothing new from the build: nothing to say, the edit stays
        assertThat(refresh(home, v2, 7002)).doesNotContain("kept your");
        assertThat(read(home, "conf/application.yaml")).isEqualTo("port: 8080\nmine: true\n");
    }

    /** Runs {@code ./dev home} for a home, from a build, for a server on a port; returns what it said. */
    private String refresh(Path home, Path build, int port) throws IOException, InterruptedException {
        ProcessBuilder dev = new ProcessBuilder("sh", DEV.toString(), "home").redirectErrorStream(true);
        dev.environment().put("CPRA_DEV_HOME", home.toString());
        dev.environment().put("CPRA_DEV_DIST", build.toString());
        dev.environment().put("SERVER_PORT", Integer.toString(port));
        Process process = dev.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("./dev home finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private Distribution serve(Path home, int port) throws IOException, InterruptedException {
        Distribution cpra = Distribution.at(home).env("CPRA_API_TOKEN", TOKEN);
        started.add(cpra);
        return cpra.serveOn(port);
    }

    /** The bundled cpra-self checks the server's own liveness: it passes only on the right port. */
    private static void awaitSelfChecked(Distribution cpra) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject self = json(cpra.get("/api/v1/monitors/cpra-self").body());
        while (self.isNull("last_check") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            self = json(cpra.get("/api/v1/monitors/cpra-self").body());
        }
        assertThat(self.isNull("last_check")).as("cpra-self was checked within 60 s: " + self).isFalse();
        assertThat(self.getJsonObject("last_check").getString("status")).as(self.toString()).isEqualTo("ok");
    }

    /** A build's distribution as far as a refresh sees it: each file holds the build's name and its path. */
    private Path fakeBuild(String name, List<String> files, String application, String manifest) throws IOException {
        Path build = temp.resolve(name);
        Files.createDirectories(build.resolve("bin"));
        Files.createDirectories(build.resolve("libexec"));
        Files.createDirectories(build.resolve("conf"));
        Files.writeString(build.resolve("bin/cpra"), "#!/bin/sh\necho " + name + "\n");
        Files.setPosixFilePermissions(build.resolve("bin/cpra"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(build.resolve("libexec/find-java.sh"), "# " + name + "\n");
        for (String file : files) {
            Files.createDirectories(build.resolve(file).getParent());
            Files.writeString(build.resolve(file), name + " " + file);
        }
        Files.writeString(build.resolve("conf/application.yaml"), application);
        Files.writeString(build.resolve("conf/monitors.yaml"), manifest);
        return build;
    }

    private static String read(Path home, String file) throws IOException {
        return Files.readString(home.resolve(file));
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
