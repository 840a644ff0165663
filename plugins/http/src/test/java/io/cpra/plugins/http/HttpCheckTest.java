package io.cpra.plugins.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code http} pulse against a real Helidon WebServer on loopback. The plugin's clock is
 * a counter that moves 12 ms per reading, so the measured time in messages is exact.
 */
class HttpCheckTest {

    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    private static final Semaphore SLOW_ARRIVED = new Semaphore(0);
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private static WebServer server;
    private static String base;

    private final AtomicLong ticks = new AtomicLong();
    private final HttpCheckPlugin plugin = new HttpCheckPlugin(
            new Transport(() -> ticks.getAndAdd(TimeUnit.MILLISECONDS.toNanos(12)), Clock.systemUTC()));

    @BeforeAll
    static void startServer() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing
                        .get("/ok", (req, res) -> res.send("{\"status\":\"UP\"}"))
                        .get("/status/{code}", (req, res) -> res
                                .status(io.helidon.http.Status.create(Integer.parseInt(req.path().pathParameters().get("code"))))
                                .send("status page"))
                        .get("/redirect", redirect(io.helidon.http.Status.FOUND_302, "/ok"))
                        .get("/loop", redirect(io.helidon.http.Status.FOUND_302, "/loop"))
                        .get("/to-ftp", redirect(io.helidon.http.Status.MOVED_PERMANENTLY_301, "ftp://files.example/pub"))
                        .post("/post-307", redirect(io.helidon.http.Status.TEMPORARY_REDIRECT_307, "/echo-body"))
                        .post("/post-303", redirect(io.helidon.http.Status.SEE_OTHER_303, "echo-method"))
                        .any("/echo-method", (req, res) -> res.send("method=" + req.prologue().method().text()))
                        .get("/echo-headers", (req, res) -> res.send(
                                "probe=" + req.headers().first(HeaderNames.create("X-Probe")).orElse("-")
                                        + " accept=" + req.headers().first(HeaderNames.ACCEPT).orElse("-")
                                        + " auth=" + req.headers().first(HeaderNames.AUTHORIZATION).orElse("-")))
                        .post("/echo-body", (req, res) -> res.send("got " + req.content().as(String.class)))
                        .get("/echo-query", (req, res) -> res.send("query=" + req.query().rawValue()
                                + " b=" + req.query().first("b").orElse("-")))
                        .head("/ok", (req, res) -> res.header(HeaderNames.CONTENT_LENGTH, "15").send())
                        .get("/slow", (req, res) -> {
                            SLOW_ARRIVED.release();
                            try {
                                RELEASE_SLOW.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            res.send("late");
                        })
                        .get("/flaky", (req, res) -> {
                            if (FLAKY_CALLS.incrementAndGet() == 1) {
                                res.status(io.helidon.http.Status.SERVICE_UNAVAILABLE_503).send();
                            } else {
                                res.send("ok");
                            }
                        }))
                .build()
                .start();
        base = "http://127.0.0.1:" + server.port();
    }

    private static Handler redirect(io.helidon.http.Status status, String location) {
        return (req, res) -> res.status(status).header(HeaderNames.LOCATION, location).send();
    }

    @AfterAll
    static void stopServer() {
        RELEASE_SLOW.countDown();
        server.stop();
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    private PulseCheck prepare(Map<String, ?> config) {
        return plugin.prepare(PluginConfig.of("web", "pulse_check.config", config), PluginContext.of("web", Path.of(".")));
    }

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @Test
    void healthyEndpointIsOkWithTheMeasuredTime() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/ok")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.OK);
        assertThat(outcome.message()).isEqualTo("HTTP 200 in 12 ms");
        assertThat(outcome.detail()).isEqualTo("time=12ms size=15B");
    }

    @Test
    void unexpectedStatusIsCritical() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/status/503")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).isEqualTo("HTTP 503 in 12 ms, expected 2xx");
    }

    @Test
    void expectedStatusAcceptsCodesClassesAndRanges() throws Exception {
        assertThat(prepare(config("url", base + "/status/404", "expected_status", 404)).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("url", base + "/status/418", "expected_status", "4xx")).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("url", base + "/status/503", "expected_status", List.of("200", "500-503")))
                .check(soon()).status()).isEqualTo(Status.OK);
        assertThat(prepare(config("url", base + "/status/200", "expected_status", "201,202")).check(soon()).message())
                .endsWith("expected 201, 202");
    }

    @Test
    void redirectsAreFollowedUnlessTurnedOff() throws Exception {
        PulseOutcome followed = prepare(config("url", base + "/redirect", "body_contains", "UP")).check(soon());
        PulseOutcome notFollowed = prepare(config("url", base + "/redirect", "follow_redirects", false)).check(soon());
        PulseOutcome redirectExpected = prepare(config("url", base + "/redirect", "follow_redirects", false,
                "expected_status", "3xx")).check(soon());

        assertThat(followed.status()).isEqualTo(Status.OK);
        assertThat(followed.message()).startsWith("HTTP 200");
        assertThat(notFollowed.status()).isEqualTo(Status.CRITICAL);
        assertThat(notFollowed.message()).startsWith("HTTP 302").endsWith("expected 2xx");
        assertThat(redirectExpected.status()).isEqualTo(Status.OK);
    }

    @Test
    void redirectsStopAtTheLimitAndAtSchemesOtherThanHttp() throws Exception {
        PulseOutcome loop = prepare(config("url", base + "/loop", "max_redirects", 3)).check(soon());
        PulseOutcome ftp = prepare(config("url", base + "/to-ftp")).check(soon());

        assertThat(loop.status()).isEqualTo(Status.CRITICAL);
        assertThat(loop.message()).isEqualTo("HTTP 302 in 12 ms, redirected more than 3 times");
        assertThat(ftp.status()).isEqualTo(Status.CRITICAL);
        assertThat(ftp.message()).isEqualTo("HTTP 301 in 12 ms, redirected to ftp://files.example/pub, not an http(s) URL");
    }

    @Test
    void a307RepeatsTheRequestAndA303ContinuesWithAGet() throws Exception {
        PulseOutcome repeated = prepare(config("url", base + "/post-307", "method", "POST", "body", "ping",
                "body_contains", "got ping")).check(soon());
        PulseOutcome continued = prepare(config("url", base + "/post-303", "method", "POST", "body", "ping",
                "body_contains", "method=GET")).check(soon());

        assertThat(repeated.status()).as(repeated.message()).isEqualTo(Status.OK);
        assertThat(continued.status()).as(continued.message()).isEqualTo(Status.OK);
    }

    @Test
    void aRedirectDoesNotChangeTheDestination() throws Exception {
        PulseCheck check = prepare(config("url", base + "/redirect", "body_contains", "UP"));

        assertThat(check.check(soon()).status()).isEqualTo(Status.OK);
        assertThat(check.destination()).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void bodyRulesDecideTheOutcome() throws Exception {
        String url = base + "/ok";
        assertThat(prepare(config("url", url, "body_contains", List.of("status", "UP"))).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("url", url, "body_contains", "DOWN")).check(soon()).message())
                .isEqualTo("HTTP 200 in 12 ms, body does not contain \"DOWN\"");
        assertThat(prepare(config("url", url, "body_not_contains", "UP")).check(soon()).message())
                .isEqualTo("HTTP 200 in 12 ms, body contains \"UP\"");
        assertThat(prepare(config("url", url, "body_regex", "\"status\"\\s*:\\s*\"UP\"")).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("url", url, "body_regex", "^DOWN$")).check(soon()).message())
                .isEqualTo("HTTP 200 in 12 ms, body does not match /^DOWN$/");
    }

    @Test
    void headersAreSentInBothSpellings() throws Exception {
        String url = base + "/echo-headers";
        PulseOutcome asList = prepare(config("url", url,
                "headers", List.of("X-Probe: cpra", "Accept: application/json"),
                "body_contains", "probe=cpra accept=application/json")).check(soon());
        PulseOutcome asMap = prepare(config("url", url,
                "headers", Map.of("X-Probe", "map"),
                "body_contains", "probe=map")).check(soon());
        PulseOutcome basic = prepare(config("url", url, "username", "ops", "password", "s3cret",
                "body_contains", "auth=Basic b3BzOnMzY3JldA==")).check(soon());
        PulseOutcome cpraAuth = prepare(config("url", url, "auth", "Bearer t0ken",
                "body_contains", "auth=Bearer t0ken")).check(soon());
        PulseOutcome oneHeader = prepare(config("url", url, "headers", "X-Probe: single",
                "body_contains", "probe=single")).check(soon());

        assertThat(asList.status()).as(asList.message()).isEqualTo(Status.OK);
        assertThat(asMap.status()).as(asMap.message()).isEqualTo(Status.OK);
        assertThat(basic.status()).as(basic.message()).isEqualTo(Status.OK);
        assertThat(cpraAuth.status()).as(cpraAuth.message()).isEqualTo(Status.OK);
        assertThat(oneHeader.status()).as(oneHeader.message()).isEqualTo(Status.OK);
    }

    @Test
    void methodAndBodyAreSent() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/echo-body", "method", "post", "body", "ping",
                "body_contains", "got ping")).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
    }

    @Test
    void queryStringsArriveAsWritten() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/echo-query?a=1&b=x%20y",
                "body_contains", "query=a=1&b=x%20y b=x y")).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
    }

    @Test
    void headRequestsNeedNoBody() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/ok", "method", "HEAD")).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.detail()).isEqualTo("time=12ms size=0B");
    }

    @Test
    void responseTimeLimitsWarnAndFail() throws Exception {
        // the fake clock makes every response take exactly 12 ms
        assertThat(prepare(config("url", base + "/ok", "warn_response_time", "10ms")).check(soon()))
                .satisfies(o -> assertThat(o.status()).isEqualTo(Status.WARNING))
                .satisfies(o -> assertThat(o.message()).isEqualTo("HTTP 200 in 12 ms, slower than 10ms"));
        assertThat(prepare(config("url", base + "/ok", "warn_response_time", "5ms", "max_response_time", "11ms"))
                .check(soon()).message()).isEqualTo("HTTP 200 in 12 ms, slower than 11ms");
        assertThat(prepare(config("url", base + "/ok", "max_response_time", "13ms")).check(soon()).status())
                .isEqualTo(Status.OK);
    }

    @Test
    void slowResponseTimesOutAtTheDeadline() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/slow")).check(Deadline.after(Duration.ofMillis(300)));

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).startsWith("timed out after");
    }

    @Test
    void retriesRecoverWithinTheDeadline() throws Exception {
        FLAKY_CALLS.set(0);

        PulseOutcome outcome = prepare(config("url", base + "/flaky", "retries", 2)).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.OK);
        assertThat(outcome.message()).isEqualTo("HTTP 200 in 12 ms (attempt 2)");
        assertThat(FLAKY_CALLS.get()).isEqualTo(2);
    }

    @Test
    void failedRetriesSayHowManyAttemptsRan() throws Exception {
        PulseOutcome outcome = prepare(config("url", base + "/status/500", "retries", 1)).check(soon());

        assertThat(outcome.message()).isEqualTo("HTTP 500 in 12 ms, expected 2xx (2 attempts)");
    }

    @Test
    void refusedConnectionSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        PulseOutcome outcome = prepare(config("url", "http://127.0.0.1:" + closedPort + "/")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).isEqualTo("connection refused");
    }

    @Test
    void interruptSurfacesAsInterruptedException() {
        PulseCheck check = prepare(config("url", base + "/slow"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> check.check(soon())).isInstanceOf(InterruptedException.class);
    }

    @Test
    void interruptDuringTheRequestSurfacesAsInterruptedException() throws Exception {
        PulseCheck check = prepare(config("url", base + "/slow"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SLOW_ARRIVED.drainPermits();
        AtomicReference<PulseOutcome> returned = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                returned.set(check.check(Deadline.after(Duration.ofSeconds(8))));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        SLOW_ARRIVED.acquire(); // the request is waiting for its response now
        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(thrown.get()).as("returned %s", returned.get()).isInstanceOf(InterruptedException.class);
    }
}
