package io.cpra.plugins.log;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogPluginTest {

    private static final Instant OCCURRED = Instant.parse("2025-03-04T05:06:07Z");
    private static final Deadline LATER = Deadline.after(Duration.ofSeconds(30));

    @TempDir
    Path home;

    private final LogPlugin plugin = new LogPlugin();

    private Notifier prepare(String monitor, Map<String, ?> config) {
        return plugin.prepare(PluginConfig.of(monitor, "codes.red.config", config), PluginContext.of(monitor, home));
    }

    private static Alert alert(String monitor, Colour colour, String id) {
        return Alert.builder().id(id).monitor(monitor).colour(colour).title("[" + colour.status() + "] " + monitor)
                .summary(monitor + " failed 3 checks").action("Restart it\nthen check").incidentId("inc-42")
                .occurredAt(OCCURRED).lastMessage("HTTP 503").groups(List.of("payments", "tier-1")).build();
    }

    @Test
    void textLineCarriesTimestampStatusMonitorAndSummary() throws Exception {
        Notifier notifier = prepare("checkout-api", Map.of("file", "logs/critical_alerts.log"));

        DeliveryOutcome outcome = notifier.deliver(alert("checkout-api", Colour.RED, "alert-7"), LATER);

        Path file = home.resolve("logs/critical_alerts.log");
        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered("appended to " + file));
        assertThat(Files.readString(file)).isEqualTo("2025-03-04T05:06:07Z CRITICAL checkout-api: checkout-api failed 3 checks"
                + " | action: Restart it then check | last: HTTP 503 | incident=inc-42 alert=alert-7\n");
        assertThat(notifier.destination()).isEqualTo("file:" + file);
    }

    @Test
    void textLineLeavesOutEmptyParts() throws Exception {
        Alert bare = Alert.builder().id("a1").monitor("orders-db").colour(Colour.YELLOW)
                .title("[DEGRADED] orders-db").occurredAt(OCCURRED).build();

        prepare("orders-db", Map.of("file", "w.log")).deliver(bare, LATER);

        assertThat(Files.readString(home.resolve("w.log")))
                .isEqualTo("2025-03-04T05:06:07Z DEGRADED orders-db: [DEGRADED] orders-db | incident=- alert=a1\n");
    }

    @Test
    void jsonLinesParseWithEveryField() throws Exception {
        Notifier notifier = prepare("checkout-api", Map.of("file", "a.jsonl", "format", "JSON"));

        notifier.deliver(alert("checkout-api", Colour.RED, "alert-7"), LATER);
        notifier.deliver(alert("checkout-api", Colour.GREEN, "alert-8"), LATER);

        List<String> lines = Files.readAllLines(home.resolve("a.jsonl"));
        assertThat(lines).hasSize(2);
        JsonObject first = parse(lines.get(0));
        assertThat(first.keySet()).containsExactly("occurred_at", "alert_id", "monitor", "colour", "status", "severity",
                "title", "summary", "action", "incident_id", "last_message", "groups");
        assertThat(first.getString("occurred_at")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(first.getString("alert_id")).isEqualTo("alert-7");
        assertThat(first.getString("monitor")).isEqualTo("checkout-api");
        assertThat(first.getString("colour")).isEqualTo("red");
        assertThat(first.getString("status")).isEqualTo("CRITICAL");
        assertThat(first.getString("severity")).isEqualTo("critical");
        assertThat(first.getString("title")).isEqualTo("[CRITICAL] checkout-api");
        assertThat(first.getString("summary")).isEqualTo("checkout-api failed 3 checks");
        assertThat(first.getString("action")).isEqualTo("Restart it\nthen check");
        assertThat(first.getString("incident_id")).isEqualTo("inc-42");
        assertThat(first.getString("last_message")).isEqualTo("HTTP 503");
        assertThat(first.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("payments", "tier-1");
        assertThat(parse(lines.get(1)).getString("status")).isEqualTo("RECOVERED");
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        int threads = 16;
        int perThread = 400;
        List<Notifier> notifiers = List.of(
                prepare("a", Map.of("file", "shared.log")),
                prepare("b", Map.of("file", "shared.log")),
                prepare("c", Map.of("file", "shared.log", "format", "json")));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Notifier notifier = notifiers.get(t % notifiers.size());
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String monitor = "monitor-" + thread + "-" + "x".repeat(i % 50);
                        assertThat(notifier.deliver(alert(monitor, Colour.RED, thread + ":" + i), LATER).delivered()).isTrue();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        List<String> lines = Files.readAllLines(home.resolve("shared.log"));
        assertThat(lines).hasSize(threads * perThread);
        Pattern text = Pattern.compile("2025-03-04T05:06:07Z CRITICAL (monitor-\\d+-x*): \\1 failed 3 checks \\| action: Restart it "
                + "then check \\| last: HTTP 503 \\| incident=inc-42 alert=(\\d+:\\d+)");
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                JsonObject json = parse(line);
                assertThat(json.getString("summary")).isEqualTo(json.getString("monitor") + " failed 3 checks");
                ids.add(json.getString("alert_id"));
            } else {
                var matcher = text.matcher(line);
                assertThat(matcher.matches()).as(line).isTrue();
                ids.add(matcher.group(2));
            }
        }
        assertThat(ids).hasSize(threads * perThread);
        assertThat(plugin.files()).isEqualTo(1);
        assertThat(plugin.notifiers()).isEqualTo(2);
    }

    @Test
    void rotationByRenameSendsTheNextLineToANewFile() throws Exception {
        Notifier notifier = prepare("m", Map.of("file", "logs/alerts.log"));
        Path file = home.resolve("logs/alerts.log");
        notifier.deliver(alert("m", Colour.RED, "before"), LATER);

        Files.move(file, home.resolve("logs/alerts.log.1"));
        notifier.deliver(alert("m", Colour.RED, "after"), LATER);

        assertThat(Files.readString(home.resolve("logs/alerts.log.1"))).contains("alert=before").doesNotContain("alert=after");
        assertThat(Files.readAllLines(file)).singleElement().satisfies(line -> assertThat(line).endsWith("alert=after"));
    }

    @Test
    void deletedFileIsRecreated() throws Exception {
        Notifier notifier = prepare("m", Map.of("file", "alerts.log"));
        notifier.deliver(alert("m", Colour.RED, "before"), LATER);

        Files.delete(home.resolve("alerts.log"));
        notifier.deliver(alert("m", Colour.RED, "after"), LATER);

        assertThat(Files.readAllLines(home.resolve("alerts.log"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith("alert=after"));
    }

    @Test
    void copyTruncateWritesFromTheStart() throws Exception {
        Notifier notifier = prepare("m", Map.of("file", "alerts.log", "sync", true));
        Path file = home.resolve("alerts.log");
        notifier.deliver(alert("m", Colour.RED, "before"), LATER);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        notifier.deliver(alert("m", Colour.RED, "after"), LATER);

        String content = Files.readString(file);
        assertThat(content).startsWith("2025-").endsWith("alert=after\n").doesNotContain("\0");
    }

    @Test
    void sharesFilesAndNotifiersAndReleasesThemWithTheLastMonitor() throws Exception {
        Notifier a = prepare("a", Map.of("file", "logs/critical_alerts.log"));
        Notifier b = prepare("b", Map.of("file", home.resolve("logs/critical_alerts.log").toString()));
        Notifier json = prepare("c", Map.of("file", "logs/../logs/critical_alerts.log", "format", "json"));

        assertThat(b).isSameAs(a);
        assertThat(((LogNotifier) json).file()).isSameAs(((LogNotifier) a).file());
        assertThat(plugin.files()).isEqualTo(1);
        a.close();
        b.close();
        assertThat(plugin.notifiers()).isEqualTo(1);
        assertThat(plugin.files()).isEqualTo(1);
        json.deliver(alert("c", Colour.RED, "still"), LATER);
        json.close();
        assertThat(plugin.notifiers()).isZero();
        assertThat(plugin.files()).isZero();
    }

    @Test
    void unwritableFileIsRetryable() throws Exception {
        Files.writeString(home.resolve("blocker"), "a file where a directory should be");

        DeliveryOutcome outcome = prepare("m", Map.of("file", "blocker/sub/alerts.log")).deliver(alert("m", Colour.RED, "x"), LATER);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.message()).startsWith("cannot append to " + home.resolve("blocker/sub/alerts.log"));
    }

    @Test
    void interruptionPropagates() {
        Notifier notifier = prepare("m", Map.of("file", "a.log"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> notifier.deliver(alert("m", Colour.RED, "x"), LATER)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        Files.createDirectories(home.resolve("dir"));
        Files.writeString(home.resolve("plain"), "");

        assertThatThrownBy(() -> prepare("m", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"m\": codes.red.config.file: required key is missing");
        assertThatThrownBy(() -> prepare("m", Map.of("file", "dir")))
                .hasMessage("monitor \"m\": codes.red.config.file: " + home.resolve("dir") + " is a directory, not a file");
        assertThatThrownBy(() -> prepare("m", Map.of("file", "plain/x.log")))
                .hasMessage("monitor \"m\": codes.red.config.file: " + home.resolve("plain") + " is not a directory");
        assertThatThrownBy(() -> prepare("m", Map.of("file", "a.log", "format", "xml")))
                .hasMessage("monitor \"m\": codes.red.config.format: expected text or json, got \"xml\"");
    }

    @Test
    void cpraBlocksFitTheDescriptor() {
        assertThat(plugin.descriptor().type()).isEqualTo("log");
        assertThat(plugin.descriptor().keys()).extracting(k -> k.name()).containsExactly("file", "format", "sync");
        assertThat(PluginConfig.of(Map.of("file", "logs/warning_alerts.log")).check(plugin.descriptor().keys())).isEmpty();
    }

    private static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
