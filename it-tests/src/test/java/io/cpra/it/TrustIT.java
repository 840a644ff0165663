package io.cpra.it;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's trust model against the assembled distribution, tried as a token holder would:
 * files outside {@code logs/} cannot be written, scripts cannot be probed, metadata addresses
 * cannot be reached, secrets cannot be read back, and a monitor stored while the policy was
 * looser does not run once it is tighter.
 */
class TrustIT {

    private static final String TOKEN = "trust-it-token-0123456789abcdef";

    @TempDir
    Path temp;

    Distribution cpra;
    WebServer receiver;

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        cpra.env("CPRA_API_TOKEN", TOKEN);
        Path manifest = temp.resolve("monitors.yaml");
        Files.writeString(manifest, "monitors: []\n");
        cpra.env("CPRA_MANIFEST", manifest.toString());
    }

    @AfterEach
    void stop() {
        cpra.kill();
        if (receiver != null) {
            receiver.stop();
        }
    }

    private HttpResponse<String> create(String json) throws IOException, InterruptedException {
        return cpra.send("POST", "/api/v1/monitors", TOKEN, json);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String logMonitor(String name, String file) {
        return """
                {"name": "%s",
                 "pulse_check": {"type": "tcp", "interval": "10s", "config": {"host": "127.0.0.1", "port": 1}},
                 "codes": {"red": {"notify": "log", "config": {"file": %s}}}}"""
                .formatted(name, Json.createValue(file).toString());
    }

    @Test
    void aLogCodeFromTheApiWritesUnderLogsOnly() throws Exception {
        Path outside = temp.resolve("outside");
        Files.createDirectories(outside);
        Files.createSymbolicLink(cpra.home().resolve("logs/escape"), outside);
        Path conf = cpra.home().resolve("conf/monitors.yaml");
        String confBefore = Files.readString(conf);
        cpra.serve();

        List<String> hostile = List.of(outside.resolve("rc/.bashrc").toString(), "../../x/alerts.log",
                "conf/monitors.yaml", "logs/../conf/monitors.yaml", "data/cpra.db", "logs/escape/sub/alerts.log",
                conf.toString());
        int n = 0;
        for (String file : hostile) {
            HttpResponse<String> refused = create(logMonitor("hostile-" + (n++), file));
            assertThat(refused.statusCode()).as(file + ": " + refused.body()).isEqualTo(403);
            JsonObject error = json(refused.body());
            assertThat(error.getString("error")).as(file).contains("codes.red.config.file")
                    .contains("allowed: logs").contains("cpra.api.policy.write-paths");
        }
        assertThat(outside.resolve("rc")).doesNotExist();
        assertThat(outside.resolve("sub")).doesNotExist();
        assertThat(temp.resolve("x")).doesNotExist();
        assertThat(Files.readString(conf)).isEqualTo(confBefore);
        assertThat(json(cpra.get("/api/v1/summary").body()).getInt("monitors")).isZero();

        HttpResponse<String> allowed = create(logMonitor("fine", "logs/alerts/red.log"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
    }

    @Test
    void aScriptIsRefusedAlikeWhetherItsPathExistsOrNot() throws Exception {
        cpra.serve();
        String existing = cpra.home().resolve("bin/cpra").toString();
        String missing = cpra.home().resolve("bin/no-such-script").toString();

        HttpResponse<String> first = create(scriptMonitor(existing));
        HttpResponse<String> second = create(scriptMonitor(missing));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(403);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(403);
        assertThat(first.body()).isEqualTo(second.body());
        assertThat(first.body()).doesNotContain("exist").contains("cpra.api.allow-commands");
    }

    private static String scriptMonitor(String path) {
        return """
                {"name": "fix",
                 "pulse_check": {"type": "tcp", "interval": "10s", "config": {"host": "127.0.0.1", "port": 1}},
                 "intervention": {"action": "script", "target": {"path": %s}}}"""
                .formatted(Json.createValue(path).toString());
    }

    @Test
    void metadataAddressesAndLoopbackPagesCannotBeProbed() throws Exception {
        cpra.serve();
        HttpResponse<String> metadata = create("""
                {"name": "meta", "pulse_check": {"type": "http", "interval": "10s",
                 "config": {"url": "http://169.254.169.254/latest/meta-data/"}}}""");
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(403);
        assertThat(json(metadata.body()).getString("error")).contains("169.254.0.0/16");

        HttpResponse<String> ipv6 = create("""
                {"name": "meta6", "pulse_check": {"type": "tcp", "interval": "10s",
                 "config": {"host": "[fd00:ec2::254]", "port": 80}}}""");
        assertThat(ipv6.statusCode()).as(ipv6.body()).isEqualTo(403);

        HttpResponse<String> hook = create("""
                {"name": "hook", "pulse_check": {"type": "tcp", "interval": "10s", "config": {"host": "127.0.0.1", "port": 1}},
                 "codes": {"red": {"notify": "webhook", "config": {"url": "http://169.254.170.2/v2/credentials"}}}}""");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(403);

        HttpResponse<String> regex = create("""
                {"name": "peek", "pulse_check": {"type": "http", "interval": "10s",
                 "config": {"url": "http://127.0.0.1:1/admin", "body_regex": "^secret-a"}}}""");
        assertThat(regex.statusCode()).as(regex.body()).isEqualTo(403);
        assertThat(json(regex.body()).getString("error")).contains("body_regex").contains("body-match-deny");

        HttpResponse<String> plain = create("""
                {"name": "local", "pulse_check": {"type": "http", "interval": "10s",
                 "config": {"url": "http://127.0.0.1:1/admin"}}}""");
        assertThat(plain.statusCode()).as("loopback without matching is allowed: " + plain.body()).isEqualTo(201);
    }

    @Test
    void secretsAreNeverShownAndAMaskedDefinitionSentBackKeepsThem() throws Exception {
        String basic = "basic-pass-7f3a9c";
        String apiKey = "header-key-51d0e2";
        String interventionAuth = "intervention-bearer-a8c4";
        String smtp = "smtp-pass-0b9e77";
        String routingKey = "routing-key-3d6f1a";
        String slackToken = "slack-token-92ce4b";
        String codeAuth = "code-bearer-e71d05";
        AtomicInteger good = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        String expected = "Basic " + Base64.getEncoder().encodeToString(("ops:" + basic).getBytes(StandardCharsets.UTF_8));
        receiver = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/health", (req, res) -> {
                    boolean ok = req.headers().first(HeaderNames.AUTHORIZATION).map(expected::equals).orElse(false)
                            && req.headers().first(HeaderNames.create("X-Api-Key")).map(apiKey::equals).orElse(false);
                    (ok ? good : bad).incrementAndGet();
                    res.status(ok ? 200 : 401).send(ok ? "up" : "who are you");
                }))
                .build().start();
        cpra.serve();
        String monitor = """
                {"name": "guarded",
                 "pulse_check": {"type": "http", "interval": "1s", "timeout": "900ms",
                   "config": {"url": "http://127.0.0.1:%d/health", "username": "ops", "password": "%s",
                              "headers": ["X-Api-Key: %s"]}},
                 "intervention": {"action": "webhook",
                   "target": {"url": "http://127.0.0.1:1/fix", "headers": {"Authorization": "Bearer %s"}}},
                 "codes": {
                   "red": {"notify": "email", "config": {"host": "127.0.0.1", "port": 1, "from": "cpra@example.com",
                           "to": "ops@example.com", "user": "cpra", "password": "%s"}},
                   "yellow": {"notify": "pagerduty", "config": {"url": "http://127.0.0.1:1/pd", "routing_key": "%s"}},
                   "green": {"notify": "slack", "config": {"hook": "http://127.0.0.1:1/services/T0/B0/%s"}},
                   "cyan": {"notify": "webhook", "config": {"url": "http://127.0.0.1:1/hook",
                            "headers": {"Authorization": "Bearer %s"}}}}}"""
                .formatted(receiver.port(), basic, apiKey, interventionAuth, smtp, routingKey, slackToken, codeAuth);
        List<String> secrets = List.of(basic, apiKey, interventionAuth, smtp, routingKey, slackToken, codeAuth);

        HttpResponse<String> created = create(monitor);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> read = cpra.get("/api/v1/monitors/guarded");
        for (String secret : secrets) {
            assertThat(created.body()).doesNotContain(secret);
            assertThat(read.body()).doesNotContain(secret);
        }
        JsonObject definition = json(read.body()).getJsonObject("definition");
        JsonObject pulse = definition.getJsonObject("pulse").getJsonObject("config");
        assertThat(pulse.getString("password")).isEqualTo("***");
        assertThat(pulse.getJsonArray("headers").getString(0)).isEqualTo("X-Api-Key: ***");
        assertThat(definition.getJsonObject("codes").getJsonObject("cyan").getJsonObject("config")
                .getJsonObject("headers").getString("Authorization")).isEqualTo("***");
        assertThat(pulse.getString("username")).isEqualTo("ops");

        HttpResponse<String> replaced = cpra.send("PUT", "/api/v1/monitors/guarded", TOKEN, definition.toString());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        int before = good.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (good.get() < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(good.get()).as("checks with the stored password after the round trip").isGreaterThanOrEqualTo(before + 3);
        assertThat(bad.get()).as("checks that sent the mask or nothing").isZero();

        HttpResponse<String> quoted = create("""
                {"name": "quoted", "pulse_check": {"type": "tcp", "interval": "10s", "config": {"host": "127.0.0.1", "port": 1}},
                 "codes": {"red": {"notify": "slack", "config": {"hook": "ftp://hooks.example/services/%s"}},
                           "green": {"notify": "webhook", "config": {"url": "http://127.0.0.1:1/h", "headers": "Bearer %s"}}}}"""
                .formatted(slackToken, codeAuth));
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(400);
        assertThat(quoted.body()).doesNotContain(slackToken).doesNotContain(codeAuth);

        Path ownLog = cpra.home().resolve("logs/cpra.0.log");
        String log = cpra.output() + (Files.exists(ownLog) ? Files.readString(ownLog) : "");
        for (String secret : secrets) {
            assertThat(log).as("the server's output").doesNotContain(secret);
        }
    }

    @Test
    void aCommandMonitorStoredWhileAllowedDoesNotRunOnceCommandsAreTurnedOff() throws Exception {
        cpra.env("CPRA_API_ALLOW_DASH_COMMANDS", "true");
        cpra.serve();
        HttpResponse<String> created = create("""
                {"name": "local-disk", "pulse_check": {"type": "command", "interval": "1s",
                 "config": {"command": ["true"]}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        cpra.terminate(Duration.ofSeconds(30));

        cpra.env("CPRA_API_ALLOW_DASH_COMMANDS", "false");
        cpra.serve();

        assertThat(cpra.get("/api/v1/monitors/local-disk").statusCode()).isEqualTo(404);
        assertThat(json(cpra.get("/api/v1/summary").body()).getInt("monitors")).isZero();
        JsonObject policy = json(cpra.get("/api/v1/policy").body());
        assertThat(policy.getBoolean("allow_commands")).isFalse();
        JsonObject refused = policy.getJsonArray("refused").getJsonObject(0);
        assertThat(refused.getString("name")).isEqualTo("local-disk");
        assertThat(refused.getJsonArray("reasons").getString(0)).contains("pulse.type")
                .contains("cpra.api.allow-commands");
        assertThat(cpra.output()).contains("monitor local-disk defined through the API is refused by the API policy");

        HttpResponse<String> again = create("""
                {"name": "local-disk", "pulse_check": {"type": "tcp", "interval": "10s", "config": {"host": "127.0.0.1", "port": 1}}}""");
        assertThat(again.statusCode()).as("a refused monitor's name stays taken: " + again.body()).isEqualTo(409);
        assertThat(cpra.send("DELETE", "/api/v1/monitors/local-disk", TOKEN).statusCode()).isEqualTo(204);
        assertThat(json(cpra.get("/api/v1/policy").body()).getJsonArray("refused")).isEmpty();
    }
}
