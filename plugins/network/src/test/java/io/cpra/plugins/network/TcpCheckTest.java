package io.cpra.plugins.network;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code tcp} pulse against real servers on loopback. The plugin's clock moves 3 ms per
 * reading, so the measured time in messages is exact.
 */
class TcpCheckTest {

    @TempDir
    static Path home;

    private static TestCertificates.Issued longLived;
    private static TestCertificates.Issued expiring;

    private final AtomicLong ticks = new AtomicLong();
    private final TcpCheckPlugin plugin = new TcpCheckPlugin(new NetworkTools(
            () -> ticks.getAndAdd(TimeUnit.MILLISECONDS.toNanos(3)), Clock.systemUTC(), new TlsSockets()));

    @BeforeAll
    static void issueCertificates() throws Exception {
        longLived = TestCertificates.issue(home, "long-lived", 365);
        expiring = TestCertificates.issue(home, "expiring", 2);
    }

    private PulseCheck prepare(Map<String, ?> config) {
        PluginConfig block = PluginConfig.of("db", "pulse_check.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return plugin.prepare(block, PluginContext.of("db", home));
    }

    private static Map<String, Object> config(int port, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", port);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    private static void reply(Socket connection, String text) throws Exception {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void itsDestinationIsHostAndPortSoThePlatformCanLimitChecksPerTarget() {
        assertThat(prepare(Map.of("host", "db.example", "port", 5432)).destination()).isEqualTo("db.example:5432");
        assertThat(prepare(Map.of("host", "::1", "port", 22)).destination()).isEqualTo("[::1]:22");
    }

    @Test
    void openPortIsOk() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> { })) {
            PulseOutcome outcome = prepare(config(server.port())).check(soon());

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.message()).isEqualTo("connected to 127.0.0.1:" + server.port() + " in 3 ms");
            assertThat(outcome.detail()).isEqualTo("time=3ms");
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        PulseOutcome outcome = prepare(config(port)).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).isEqualTo("127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void bannerIsMatched() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> reply(connection, "220 mail ready\r\n"))) {
            assertThat(prepare(config(server.port(), "expect", "220 ")).check(soon()).status()).isEqualTo(Status.OK);

            PulseOutcome wrong = prepare(config(server.port(), "expect", "SSH-2.0")).check(soon());
            assertThat(wrong.status()).isEqualTo(Status.CRITICAL);
            assertThat(wrong.message()).endsWith("reply lacks \"SSH-2.0\" (got \"220 mail ready\\r\\n\")");
        }
    }

    @Test
    void requestReplyAndQuitAreExchanged() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (LoopbackServer server = LoopbackServer.plain(connection -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            String request = in.readLine();
            received.add(request);
            reply(connection, "+PONG ü\r\n");
            received.add(String.valueOf(in.readLine()));
        })) {
            PulseOutcome outcome = prepare(config(server.port(), "send", "PING\r\n", "expect", List.of("PONG", "ü"),
                    "match", "all", "quit", "QUIT\r\n")).check(soon());

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("PING");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("QUIT");
        }
    }

    @Test
    void matchAnyAndAllDiffer() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> reply(connection, "OK ready"))) {
            assertThat(prepare(config(server.port(), "expect", List.of("nope", "OK"))).check(soon()).status())
                    .isEqualTo(Status.OK);
            assertThat(prepare(config(server.port(), "expect", List.of("nope", "OK"), "match", "all")).check(soon()).message())
                    .contains("reply lacks all of \"nope\", \"OK\"");
        }
    }

    @Test
    void readLimitStopsAChattyServer() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> {
            for (int i = 0; i < 1000; i++) {
                reply(connection, "noise noise noise noise\n");
            }
        })) {
            PulseOutcome outcome = prepare(config(server.port(), "expect", "never", "read_limit", 100)).check(soon());

            assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
            assertThat(outcome.message()).contains("reply lacks \"never\"");
        }
    }

    @Test
    void silentServerTimesOutAtTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer server = LoopbackServer.plain(connection -> release.await(10, TimeUnit.SECONDS))) {
            PulseOutcome outcome = prepare(config(server.port(), "expect", "hello")).check(Deadline.after(Duration.ofMillis(300)));

            assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
            assertThat(outcome.message()).startsWith("127.0.0.1:" + server.port() + ": timed out reading after");
        } finally {
            release.countDown();
        }
    }

    @Test
    void retriesRecover() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (LoopbackServer server = LoopbackServer.plain(connection ->
                reply(connection, connections.incrementAndGet() == 1 ? "busy" : "ready"))) {
            PulseOutcome outcome = prepare(config(server.port(), "expect", "ready", "retries", 1)).check(soon());

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.message()).endsWith("(attempt 2)");
        }
    }

    @Test
    void responseTimeLimits() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> { })) {
            assertThat(prepare(config(server.port(), "warn_response_time", "2ms")).check(soon()).message())
                    .endsWith("in 3 ms, slower than 2ms");
            assertThat(prepare(config(server.port(), "max_response_time", "2ms")).check(soon()).status())
                    .isEqualTo(Status.CRITICAL);
        }
    }

    @Test
    void tlsVerificationTrustAndExpiry() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(longLived.context(), connection -> reply(connection, "hello"));
             LoopbackServer soonExpiring = LoopbackServer.tls(expiring.context(), connection -> reply(connection, "hello"))) {
            PulseOutcome untrusted = prepare(config(server.port(), "tls", true)).check(soon());
            PulseOutcome unverified = prepare(config(server.port(), "tls", true, "tls_verify", false, "expect", "hello"))
                    .check(soon());
            PulseOutcome trusted = prepare(config(server.port(), "tls", true, "ca_file", "long-lived.pem",
                    "cert_expiry_warning", "30d")).check(soon());
            PulseOutcome warned = prepare(config(soonExpiring.port(), "tls", true, "ca_file", "expiring.pem",
                    "cert_expiry_warning", "7d")).check(soon());

            assertThat(untrusted.status()).isEqualTo(Status.CRITICAL);
            assertThat(untrusted.message()).contains("TLS failed: the server certificate is not trusted");
            assertThat(unverified.status()).as(unverified.message()).isEqualTo(Status.OK);
            assertThat(unverified.message()).contains("with TLS");
            assertThat(trusted.status()).as(trusted.message()).isEqualTo(Status.OK);
            assertThat(warned.status()).as(warned.message()).isEqualTo(Status.WARNING);
            assertThat(warned.message()).containsPattern("certificate expires in 1d2[0-3]h\\d+m \\(");
        }
    }

    @Test
    void interruptDuringAReadSurfacesAsInterruptedException() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer server = LoopbackServer.plain(connection -> {
            connected.countDown();
            release.await(10, TimeUnit.SECONDS);
        })) {
            PulseCheck check = prepare(config(server.port(), "expect", "never"));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    check.check(Deadline.after(Duration.ofSeconds(8)));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            connected.await();
            caller.interrupt();
            caller.join(Duration.ofSeconds(5));

            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void interruptBeforeTheCallPropagates() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(connection -> { })) {
            PulseCheck check = prepare(config(server.port()));
            Thread.currentThread().interrupt();

            assertThatThrownBy(() -> check.check(soon())).isInstanceOf(InterruptedException.class);
        }
    }
}
