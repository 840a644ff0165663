package io.cpra.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named tokens on the assembled distribution: {@code bin/cpra token} adds and revokes them while
 * the server runs, each scope allows what it says, the event history names who changed what,
 * and protected reads cover the metrics and the OpenAPI document but not health.
 */
class TokensIT {

    static final String MONITOR = """
            {"name": "shop", "pulse": {"type": "http", "interval": "1m", "config": {"url": "http://127.0.0.1:9/"}}}""";

    @TempDir
    Path temp;

    Distribution cpra;

    @AfterEach
    void tearDown() {
        if (cpra != null) {
            cpra.kill();
        }
    }

    /** Adds a token and returns it: the one line of standard output that is the token. */
    private String add(String name, String scopes) throws Exception {
        Distribution.Result added = cpra.run("token", "add", name, "--scopes=" + scopes);
        assertThat(added.status()).as(added.output()).isZero();
        return Arrays.stream(added.output().split("\n")).filter(line -> line.startsWith("cpra_")).findFirst()
                .orElseThrow(() -> new AssertionError("no token printed:\n" + added.output()));
    }

    @Test
    void tokensAreAddedAndRevokedWhileTheServerRunsAndEachScopeAllowsWhatItSays() throws Exception {
        cpra = Distribution.copyTo(temp.resolve("cpra")).env("CPRA_API_PROTECT_DASH_READS", "true");
        String reader = add("grafana", "read");
        String operator = add("oncall", "operate");
        assertThat(Files.readString(cpra.home().resolve("conf/tokens"))).doesNotContain(reader).doesNotContain(operator)
                .contains("grafana read sha256:");
        cpra.serve();

        assertThat(cpra.get("/observe/health/ready").statusCode()).as("health stays open").isEqualTo(200);
        HttpResponse<String> metrics = cpra.get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cpra\"");
        assertThat(cpra.get("/openapi").statusCode()).isEqualTo(401);
        assertThat(get("/observe/metrics", reader).statusCode()).isEqualTo(200);
        assertThat(get("/openapi", reader).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = cpra.send("POST", "/api/v1/monitors", operator, MONITOR);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("lacks the admin scope");
        assertThat(cpra.send("POST", "/api/v1/monitors/cpra-self/pause", reader).statusCode()).isEqualTo(403);
        assertThat(cpra.send("POST", "/api/v1/monitors/cpra-self/pause", operator).statusCode()).isEqualTo(200);

        String admin = add("deploy", "admin");
        assertThat(cpra.send("POST", "/api/v1/monitors", admin, MONITOR).statusCode()).as("added without a restart")
                .isEqualTo(201);

        assertThat(cpra.run("token", "revoke", "oncall").status()).isZero();
        assertThat(cpra.send("POST", "/api/v1/monitors/cpra-self/resume", operator).statusCode()).isEqualTo(401);

        String history = get("/api/v1/events/history?kind=monitor_changed", reader).body();
        assertThat(history).contains("{\"change\":\"created\",\"actor\":\"deploy\"}")
                .contains("{\"change\":\"paused\",\"actor\":\"oncall\"}");
        assertThat(cpra.run("token", "list").output()).contains("grafana read").contains("deploy admin")
                .doesNotContain("oncall");
        assertThat(cpra.terminate(Duration.ofSeconds(15)).status()).isZero();
    }

    @Test
    void aBrokenTokensFileStopsTheStartWithItsLineAndColumn() throws Exception {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        Files.writeString(cpra.home().resolve("conf/tokens"), "# tokens\nci operate cpra_pasted_by_mistake\n");

        Distribution.Result start = cpra.serveExpectingExit();

        assertThat(start.status()).isEqualTo(1);
        assertThat(start.output()).contains("conf/tokens:2:12: token ci: expected sha256:")
                .doesNotContain("cpra_pasted_by_mistake");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return cpra.send("GET", path, token);
    }
}
