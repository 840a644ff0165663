package io.cpra.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/writing-plugins.md, step by step, from a folder outside the source tree: generate a
 * plugin project from the archetype, build it, drop the jar into a copy of the distribution,
 * list its keys, validate a manifest that uses it, and see it check a real port.
 *
 * <p>Maven runs as a separate process, offline, through the checkout's {@code mvnw}, as the
 * guide tells a user to. {@code mvn verify} installs nothing, so the test makes the local
 * repository the guide's {@code ./mvnw install} would leave: this build's plugin API,
 * testkit, archetype and parent POM are laid into a fresh repository, and everything else
 * (Maven's own plugins, JUnit) is read from this build's local repository, used as a
 * read-only mirror on the file system.
 */
class PluginAuthoringIT {

    private static final String VERSION = System.getProperty("cpra.version", "0.1.0-SNAPSHOT");
    private static final Duration MAVEN_WITHIN = Duration.ofMinutes(6);

    @TempDir
    Path work;

    private Distribution cpra;

    @AfterEach
    void stop() {
        if (cpra != null) {
            cpra.kill();
        }
    }

    @Test
    void aPluginIsGeneratedBuiltDroppedInAndRunsFromOutsideTheTree() throws Exception {
        Path root = Path.of(System.getProperty("cpra.root", "..")).toAbsolutePath().normalize();
        assertThat(work.startsWith(root)).as("the plugin is written outside the source tree").isFalse();
        Path repository = seedRepository(root, work.resolve("m2"));
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>this-build</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Path.of(System.getProperty("cpra.local-repository")).toUri()));
        // offline (-o): no network; the resolver still reads file: repositories when told so
        List<String> maven = List.of(root.resolve("mvnw").toString(), "-B", "-o", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file");

        // 1. generate (the guide's command, with -N so no project in the current folder is read)
        maven(maven, "-N", "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate",
                "-DarchetypeGroupId=io.cpra", "-DarchetypeArtifactId=cpra-plugin-archetype",
                "-DarchetypeVersion=" + VERSION, "-DgroupId=com.example", "-DartifactId=port-probe",
                "-Dpackage=com.example.portprobe", "-Dtype=port-probe", "-DinteractiveMode=false",
                "-DoutputDirectory=" + work);
        Path project = work.resolve("port-probe");
        assertThat(project.resolve("src/main/java/module-info.java")).content()
                .contains("provides io.cpra.plugin.api.PulsePlugin with com.example.portprobe.PortCheckPlugin;");
        assertThat(project.resolve("pom.xml")).content().doesNotContain("<parent>");

        // 2. build: compiles with --release 21 and runs the generated unit tests on the testkit
        String build = maven(maven, "-f", project.toString(), "package");
        assertThat(build).contains("Tests run: 4, Failures: 0, Errors: 0");
        Path jar = project.resolve("target/port-probe-1.0.0-SNAPSHOT.jar");
        assertThat(jar).isRegularFile();

        // 3. drop it in
        cpra = Distribution.copyTo(work.resolve("cpra"));
        Files.copy(jar, cpra.home().resolve("plugins/port-probe.jar"));

        // 4. its keys, with their roles
        var keys = cpra.run("plugins", "port-probe");
        assertThat(keys.status()).as(keys.output()).isZero();
        assertThat(keys.output()).contains("pulse port-probe: A TCP port accepts connections")
                .containsPattern("(?m)^host +string +required +target_host +")
                .containsPattern("(?m)^port +integer +required +target_port +");

        // 5. a manifest that uses it validates
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path manifest = Files.writeString(work.resolve("monitors.yaml"), """
                    monitors:
                      - name: probe
                        pulse_check:
                          type: port-probe
                          interval: 1s
                          timeout: 800ms
                          config:
                            host: 127.0.0.1
                            port: %d
                    """.formatted(target.getLocalPort()));
            var validated = cpra.run("validate", manifest.toString());
            assertThat(validated.status()).as(validated.output()).isZero();

            // 6. it runs: the monitor's last check passed against the open port
            cpra.env("CPRA_MANIFEST", manifest.toString()).serve();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonObject view = monitor();
            while (view.isNull("last_check") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                view = monitor();
            }
            assertThat(view.isNull("last_check")).as("the monitor was checked: " + view).isFalse();
            assertThat(view.getJsonObject("last_check").getString("status")).isEqualTo("ok");
        }
        var plugins = Json.createReader(new StringReader(cpra.get("/api/v1/plugins").body())).readObject();
        assertThat(plugins.getJsonArray("failures")).isEmpty();
    }

    private JsonObject monitor() throws IOException, InterruptedException {
        return Json.createReader(new StringReader(cpra.get("/api/v1/monitors/probe").body())).readObject();
    }

    /** What `./mvnw install` would leave in a local repository for a plugin author. */
    private static Path seedRepository(Path root, Path repository) throws IOException {
        install(repository, "cpra-parent", root.resolve("pom.xml"), null);
        for (String module : List.of("plugin-api", "plugin-testkit", "plugin-archetype")) {
            String artifact = "cpra-" + module;
            Path jar = root.resolve(module).resolve("target").resolve(artifact + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar + "; run the tests through `mvn verify`, which builds it first");
            }
            install(repository, artifact, root.resolve(module).resolve("pom.xml"), jar);
        }
        return repository;
    }

    private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
        Path folder = Files.createDirectories(repository.resolve("io/cpra").resolve(artifact).resolve(VERSION));
        Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    /** Runs Maven to completion in the work folder; fails with its output unless it succeeds. */
    private String maven(List<String> base, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "maven-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // what this build was started with (its own local repository, say) is not the author's
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        if (!process.waitFor(MAVEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Maven did not finish within " + MAVEN_WITHIN + ": " + command + "\n"
                    + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
        return output;
    }
}
