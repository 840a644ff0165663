package io.cpra.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-monitor series ({@code cpra.metrics.monitor-series}) as Prometheus sees them: a real
 * Prometheus scrapes the distribution, and the cap refuses a start and caps a later change.
 * The distribution's configuration exports the {@code demo} group's two monitors.
 */
class MonitorSeriesIT {

    private static final String TOKEN = "series-it-token";
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path temp;

    Distribution cpra;
    Process prometheus;

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra")).env("CPRA_METRICS_MONITOR_DASH_SERIES_REFRESH", "1s");
    }

    @AfterEach
    void stop() throws InterruptedException {
        cpra.kill();
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRealPrometheusScrapesEachDemoMonitorsSeries() throws Exception {
        boolean installed = Files.isExecutable(PROMETHEUS);
        if (!installed && !"true".equals(System.getenv("CPRA_REQUIRE_PROMETHEUS"))) {
            System.err.println("[cpra tests] SKIPPED in MonitorSeriesIT: scraping by a real Prometheus, since "
                    + PROMETHEUS + " is not installed (apt-get install prometheus); CPRA_REQUIRE_PROMETHEUS=true makes"
                    + " this a failure (CI sets it)");
            return;
        }
        assertThat(installed).as("Prometheus is required (CPRA_REQUIRE_PROMETHEUS=true) but " + PROMETHEUS
                + " is missing").isTrue();
        cpra.serve();
        int cpraPort = cpra.port();
        int port = Distribution.freePort();
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: cpra
                    metrics_path: /observe/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(cpraPort));
        Path log = temp.resolve("prometheus.out");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + temp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        // closed-port checks a port nobody listens on: Prometheus must see it down, in group demo
        Map<String, String> up = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            up = query(port, "cpra_monitor_up");
            if ("0".equals(up.get("closed-port/demo")) && up.containsKey("demo-flag/demo")) {
                break;
            }
            assertThat(prometheus.isAlive()).as("Prometheus exited:\n" + Files.readString(log)).isTrue();
            Thread.sleep(500);
        }
        assertThat(up).as("cpra_monitor_up as Prometheus answers it; its log:\n" + Files.readString(log))
                .containsEntry("closed-port/demo", "0").containsKey("demo-flag/demo").doesNotContainKey("cpra-self/");
        assertThat(query(port, "cpra_monitor_latency_seconds")).containsKeys("closed-port/demo", "demo-flag/demo");
        assertThat(query(port, "sum by (monitor) (cpra_monitor_stage)"))
                .containsEntry("closed-port/", "1").containsEntry("demo-flag/", "1");
        assertThat(query(port, "cpra_monitor_series_dropped")).containsValue("0");
    }

    @Test
    void groupsOverTheCapRefuseTheStartNamingTheKeyAndTheCount() throws Exception {
        var run = cpra.env("CPRA_METRICS_MONITOR_DASH_SERIES_MAX_DASH_SERIES", "8").serveExpectingExit();

        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("cpra: not starting: cpra.metrics.monitor-series.max-series: the groups [demo]"
                + " hold 2 monitors, 18 series at 9 per monitor, more than the cap of 8");
    }

    @Test
    void aMonitorAddedOverTheCapStillRunsAndTheDroppedSeriesAreCounted() throws Exception {
        cpra.env("CPRA_METRICS_MONITOR_DASH_SERIES_MAX_DASH_SERIES", "18").env("CPRA_API_TOKEN", TOKEN).serve();
        var created = cpra.send("POST", "/api/v1/monitors", TOKEN, """
                {"name": "zz-extra", "groups": ["demo"],
                 "pulse": {"type": "tcp", "interval": "5s", "timeout": "1s", "config": {"host": "127.0.0.1", "port": 1}}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String dropped = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            dropped = sample(cpra.get("/observe/metrics").body(), "cpra_monitor_series_dropped");
            if ("9.0".equals(dropped)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(dropped).isEqualTo("9.0");
        String metrics = cpra.get("/observe/metrics").body();
        assertThat(metrics).contains("monitor=\"closed-port\"").contains("monitor=\"demo-flag\"")
                .doesNotContain("monitor=\"zz-extra\"");
        assertThat(cpra.get("/api/v1/monitors/zz-extra").statusCode()).isEqualTo(200);
        assertThat(cpra.output() + logs()).contains("cpra.metrics.monitor-series.max-series: the groups [demo] now hold 3"
                + " monitors; 9 series of 1 monitors (the last by name) are left out");
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        Path folder = cpra.home().resolve("logs");
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }

    /** The value of the first sample of a metric in the text format, or "" when absent. */
    private static String sample(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return line.substring(line.lastIndexOf(' ') + 1);
            }
        }
        return "";
    }

    /** Prometheus' answer to an instant query: "monitor/group" to value. */
    private static Map<String, String> query(int port, String promql) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListeningYet) {
            return Map.of();
        }
        if (response.statusCode() != 200) {
            return Map.of();
        }
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        JsonArray result = body.getJsonObject("data").getJsonArray("result");
        Map<String, String> values = new TreeMap<>();
        for (var item : result) {
            JsonObject metric = item.asJsonObject().getJsonObject("metric");
            List<jakarta.json.JsonValue> value = item.asJsonObject().getJsonArray("value");
            values.put(metric.getString("monitor", "") + "/" + metric.getString("group", ""),
                    ((jakarta.json.JsonString) value.get(1)).getString());
        }
        return values;
    }
}
