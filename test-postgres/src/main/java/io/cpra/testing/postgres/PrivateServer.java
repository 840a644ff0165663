package io.cpra.testing.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of this JVM's own: {@code initdb} into a temporary folder, then
 * {@code postgres} on a free loopback port, trusting loopback connections as {@code postgres}.
 *
 * <p>The server is tied to the JVM by a pipe rather than only by a shutdown hook: it runs under
 * a small {@code sh} that waits for its standard input to close and then stops it, and that
 * input is this JVM's. So a JVM that ends in any way — even SIGKILL, or a surefire fork timed
 * out — leaves no server running. The hook still closes the pipe first and removes the folder.
 *
 * <p>Durability is off ({@code fsync}, full-page writes): the tests never crash this server,
 * only cpra and its connections.
 */
final class PrivateServer {

    /** initdb on a busy two-core machine has been seen to take 7 s. */
    private static final Duration INITDB_WITHIN = Duration.ofSeconds(120);
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;
    private static final String SUPERUSER = "postgres";
    private static final String RUN_PREFIX = "cpra-test-postgres-run-";
    /** A run folder this old without a running server was left by a JVM that was killed. */
    private static final Duration LEFTOVER_AFTER = Duration.ofHours(1);

    /** Starts $1 with the other arguments, and stops it at once when standard input closes. */
    private static final String WATCH = "\"$@\" </dev/null & server=$!; cat >/dev/null; kill -QUIT $server; wait $server";

    private PrivateServer() {
    }

    static TestPostgres start() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path installation = Binaries.install(temp);
        removeLeftovers(temp);
        Path folder = Files.createTempDirectory(temp, RUN_PREFIX);
        RunAs runAs = RunAs.forThisProcess(folder);
        // the server's user must pass through this folder to its data folder
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = Files.createDirectory(folder.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        runAs.hand(data);
        Path log = folder.resolve("server.log");
        initdb(installation, data, runAs, log);
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Process server = new ProcessBuilder(runAs.command(List.of("sh", "-c", WATCH, "sh",
                    installation.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            OutputStream lifeline = server.getOutputStream();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, lifeline, folder), "test-postgres-stop"));
            if (awaitReady(server, data, port)) {
                System.err.println("[cpra tests] PostgreSQL started for this JVM on 127.0.0.1:" + port + " "
                        + runAs.describe() + " (" + folder + "; set " + TestPostgres.URL_VARIABLE
                        + " to use another server)");
                return new TestPostgres("127.0.0.1", port, SUPERUSER, SUPERUSER, "");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (attempt >= PORT_ATTEMPTS || !output.contains("could not bind")) {
                throw new IOException("PostgreSQL did not start " + runAs.describe() + "; its log (" + log + "):\n" + tail(output));
            }
            // another process took the free port between the look and the start: try another
        }
    }

    private static void initdb(Path installation, Path data, RunAs runAs, Path log) throws IOException {
        Process initdb = new ProcessBuilder(runAs.command(List.of(installation.resolve("bin/initdb").toString(),
                "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        try {
            if (!initdb.waitFor(INITDB_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new IOException("initdb did not finish within " + INITDB_WITHIN.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            initdb.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during initdb", e);
        }
        if (initdb.exitValue() != 0) {
            throw new IOException("initdb " + runAs.describe() + " exited with " + initdb.exitValue() + ":\n"
                    + tail(Files.readString(log, StandardCharsets.UTF_8)));
        }
    }

    /**
     * Waits for the server to say it is ready: PostgreSQL writes {@code ready} into the
     * eighth line of {@code postmaster.pid} once it accepts connections (what {@code pg_ctl -w} waits for).
     *
     * @return true once ready; false when the server exited first
     */
    private static boolean awaitReady(Process server, Path data, int port) throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Path pid = data.resolve("postmaster.pid");
        try {
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    return false;
                }
                List<String> lines = Files.exists(pid) ? Files.readAllLines(pid, StandardCharsets.UTF_8) : List.of();
                if (lines.size() >= 8 && lines.get(3).trim().equals(Integer.toString(port))
                        && lines.get(7).trim().equals("ready")) {
                    return true;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL started", e);
        }
        server.destroyForcibly();
        throw new IOException("PostgreSQL was not ready within " + READY_WITHIN.toSeconds() + " s");
    }

    private static void stop(Process server, OutputStream lifeline, Path folder) {
        try {
            lifeline.close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            server.destroyForcibly();
        }
        Trees.delete(folder);
    }

    /**
     * Removes the run folders of killed JVMs: their server stopped with them (see the class
     * comment), but no hook removed the folder. A folder whose server runs has a postmaster.pid.
     */
    private static void removeLeftovers(Path temp) throws IOException {
        long before = System.currentTimeMillis() - LEFTOVER_AFTER.toMillis();
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(temp, RUN_PREFIX + "*")) {
            for (Path run : runs) {
                if (!Files.exists(run.resolve("data/postmaster.pid"))
                        && Files.getLastModifiedTime(run).toMillis() < before) {
                    Trees.delete(run);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
