package io.cpra.it;

import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution against real receivers that fail: a webhook receiver that is down and then
 * comes up, one that stays down while another works, and a check that hangs past its deadline.
 */
class FaultPathsIT {

    @TempDir
    Path temp;

    Distribution cpra;
    final List<WebServer> receivers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        cpra.env("CPRA_DELIVERY_BACKOFF", "1s");
    }

    @AfterEach
    void stop() {
        cpra.kill();
        receivers.forEach(WebServer::stop);
    }

    /** A receiver recording each JSON body it is posted. */
    private WebServer receiver(int port, List<JsonObject> received) {
        WebServer server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.post("/hook", (req, res) -> {
                    received.add(Json.createReader(new StringReader(req.content().as(String.class))).readObject());
                    res.status(202).send();
                }))
                .build().start();
        receivers.add(server);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path manifest(String yaml) throws IOException {
        Path file = temp.resolve("monitors.yaml");
        Files.writeString(file, yaml);
        cpra.env("CPRA_MANIFEST", file.toString());
        return file;
    }

    private static String downMonitor(String name, String hookUrl) {
        return """
                  - name: %s
                    pulse_check:
                      type: tcp
                      interval: 1s
                      timeout: 500ms
                      config:
                        host: 127.0.0.1
                        port: 1
                    codes:
                      red:
                        notify: webhook
                        config:
                          url: %s
                """.formatted(name, hookUrl);
    }

    private String awaitOutput(Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(cpra.output());
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no output matching " + pattern + " within 60 s:\n" + cpra.output());
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    @Test
    void aCodeForAReceiverThatIsDownIsDeliveredWhenItComesUpWithTheSameId() throws Exception {
        int port = freePort();
        manifest("monitors:\n" + downMonitor("db", "http://127.0.0.1:" + port + "/hook"));
        cpra.serve();

        String failedId = awaitOutput(Pattern.compile("delivery of (a\\d+) \\(red db\\) to webhook failed, attempt 1"));
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        receiver(port, received);

        awaitSize(received, 1);
        JsonObject alert = received.get(0);
        assertThat(alert.getString("alert_id")).isEqualTo(failedId);
        assertThat(alert.getString("colour")).isEqualTo("red");
        assertThat(alert.getString("monitor")).isEqualTo("db");
        assertThat(cpra.terminate(Duration.ofSeconds(10)).status()).isZero();
    }

    @Test
    void aReceiverDownForGoodIsGivenUpOnWithoutHoldingUpAnother() throws Exception {
        int dead = freePort();
        int alive = freePort();
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        receiver(alive, received);
        cpra.env("CPRA_DELIVERY_ATTEMPTS", "4");
        manifest("monitors:\n" + downMonitor("to-dead", "http://127.0.0.1:" + dead + "/hook")
                + downMonitor("to-alive", "http://127.0.0.1:" + alive + "/hook"));
        cpra.serve();

        awaitSize(received, 1);
        assertThat(received).extracting(j -> j.getString("monitor")).containsOnly("to-alive");
        awaitOutput(Pattern.compile("\\(red to-dead\\) to webhook failed, attempt 4: .*; giving up"));
        String metrics = cpra.get("/observe/metrics").body();
        assertThat(metrics).containsPattern("cpra_dead_letters_total(\\{[^}]*\\})? 1\\.0");
        assertThat(metrics).containsPattern("cpra_codes_delivered_total(\\{[^}]*\\})? 1\\.0");
    }

    @Test
    void aCheckThatHangsIsStoppedAtItsDeadlineAndItsProcessKilled() throws Exception {
        manifest("""
                monitors:
                  - name: hangs
                    pulse:
                      type: command
                      interval: 2s
                      timeout: 1s
                      config:
                        command: [sleep, "61.125"]
                    codes:
                      red:
                        notify: log
                        config:
                          file: logs/hangs.log
                """);
        cpra.serve();

        Path log = cpra.home().resolve("logs/hangs.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("CRITICAL hangs")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(log).content().contains("CRITICAL hangs");
        assertThat(cpra.get("/api/v1/plugins").statusCode()).isEqualTo(200);
        Thread.sleep(1500);
        Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 61.125").start();
        String survivors = new String(pgrep.getInputStream().readAllBytes()).trim();
        pgrep.waitFor();
        // at most the one started by the current check may be alive, never a pile of old ones
        assertThat(survivors.isEmpty() ? 0 : survivors.split("\\s+").length).isLessThanOrEqualTo(1);
        assertThat(cpra.terminate(Duration.ofSeconds(10)).status()).isZero();
    }
}
