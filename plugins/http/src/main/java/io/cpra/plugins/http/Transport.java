package io.cpra.plugins.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The plugin's shared HTTP machinery: Helidon WebClients, the keep-alive {@link Connections},
 * the clocks checks measure with, and the certificate ledgers. One instance per plugin, for the
 * life of the process. Thread-safe.
 *
 * <p><b>Clients.</b> Helidon sets the TLS setup and the connect timeout per client, not per
 * request, so there is one client per distinct {@link TlsProfile} and connect-timeout step.
 * The steps ({@link #STEPS}) at most double each time; a check takes the largest step that
 * fits in the time it has left, so connecting never outlasts the deadline and gets at least
 * half the time left. Keep-alive connections are the plugin's own, kept per endpoint and TLS
 * profile, so a connection opened under one step is reused under another; Helidon's connection
 * cache is never used (see {@link Connections} for why). Clients are created on first use: a
 * plugin whose monitors all use one profile and one timeout holds one client.
 * {@link #close()} closes the idle connections and drops the clients.
 */
final class Transport implements AutoCloseable {

    /** Connect (and TLS handshake) timeouts a client can have. */
    static final Duration[] STEPS = {
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(750),
            Duration.ofMillis(1500), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final Map<TlsProfile, Profile> profiles = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final Connections connections;

    /**
     * @param nanoClock what checks measure elapsed time with; {@code System::nanoTime} in production
     * @param wallClock what certificate expiry is compared with
     */
    Transport(LongSupplier nanoClock, Clock wallClock) {
        this(nanoClock, wallClock, ConnectionSettings.DEFAULTS, System::nanoTime);
    }

    /**
     * @param nanoClock      what checks measure elapsed time with
     * @param wallClock      what certificate expiry is compared with
     * @param settings       how many keep-alive connections to keep, and how long
     * @param connectionTime what idle connections are aged with ({@code System::nanoTime} but in tests)
     */
    Transport(LongSupplier nanoClock, Clock wallClock, ConnectionSettings settings, LongSupplier connectionTime) {
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.connections = new Connections(settings, connectionTime);
    }

    /** The keep-alive connections every check of the plugin shares. */
    Connections connections() {
        return connections;
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    Clock wallClock() {
        return wallClock;
    }

    /**
     * A client for the profile whose connect timeout fits in the time left.
     *
     * @throws UncheckedIOException when the profile's CA file cannot be read any more
     */
    Client client(TlsProfile profile, long remainingNanos) {
        return profile(profile).client(step(remainingNanos));
    }

    /**
     * A client of one TLS profile and connect timeout: the WebClient connections are opened
     * with, and its HTTP/1.1 client requests are made with.
     */
    record Client(WebClient web, Http1Client http1) {
    }

    /**
     * Sets up a profile ahead of its first check: its TLS context and one client. The first
     * client of the process also starts Helidon's service registry, which takes a moment that
     * is better spent while a manifest loads than under a check's deadline.
     *
     * @throws UncheckedIOException when the profile's CA file cannot be read
     */
    void warmUp(TlsProfile profile) {
        profile(profile).client(step(STEPS[STEPS.length - 1].toNanos()));
    }

    /** The ledger of a profile that tracks expiry, or null. */
    ExpiryLedger ledger(TlsProfile profile) {
        return profile(profile).ledger;
    }

    /** The index in {@link #STEPS} of the largest step not above {@code remainingNanos}; 0 at least. */
    static int step(long remainingNanos) {
        int step = 0;
        while (step + 1 < STEPS.length && STEPS[step + 1].toNanos() <= remainingNanos) {
            step++;
        }
        return step;
    }

    private Profile profile(TlsProfile profile) {
        return profiles.computeIfAbsent(profile, Profile::new);
    }

    @Override
    public void close() {
        connections.close();
        profiles.values().forEach(Profile::close);
        profiles.clear();
    }

    /** The clients and ledger of one TLS profile. */
    private static final class Profile {

        private final Tls tls;
        private final ExpiryLedger ledger;
        private final AtomicReferenceArray<Client> clients = new AtomicReferenceArray<>(STEPS.length);

        Profile(TlsProfile profile) {
            this.ledger = profile.trackExpiry() ? new ExpiryLedger() : null;
            SSLContext context;
            try {
                context = TrustSetup.context(profile, ledger);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CA file " + profile.caFile(), e);
            } catch (GeneralSecurityException e) {
                throw new UncheckedIOException(new IOException("cannot set up TLS: " + e.getMessage(), e));
            }
            this.tls = Tls.builder()
                    .sslContext(context)
                    .endpointIdentificationAlgorithm(profile.verify()
                            ? Tls.ENDPOINT_IDENTIFICATION_HTTPS : Tls.ENDPOINT_IDENTIFICATION_NONE)
                    .build();
        }

        Client client(int step) {
            Client client = clients.get(step);
            if (client == null) {
                // Two threads may both build one; the loser's client is dropped unused.
                clients.compareAndSet(step, null, build(STEPS[step]));
                client = clients.get(step);
            }
            return client;
        }

        private Client build(Duration connectTimeout) {
            WebClient web = WebClient.builder()
                    .tls(tls)
                    .socketOptions(SocketOptions.builder()
                            .connectTimeout(connectTimeout)
                            // bounds the TLS handshake; each request sets its own read timeout
                            .readTimeout(connectTimeout)
                            .build())
                    .sendExpectContinue(false)
                    .addHeader("User-Agent", "cpra")
                    // Helidon asks the system's proxy selector on every request unless told
                    // there is no proxy; it is asked only when the JVM names one
                    .proxy(systemProxy() ? Proxy.create() : Proxy.noProxy())
                    .build();
            // A monitor judges the status and body, and checks each response header it reads
            // itself; Helidon's per-header validation was a tenth of a check's CPU. Given here,
            // not through the builder's protocol configs: Helidon 4.3.0 looks those up by the
            // protocol's id ("http/1.1") while they are typed "http_1_1", and never finds them.
            Http1Client http1 = web.client(Http1Client.PROTOCOL, Http1ClientProtocolConfig.builder()
                    .validateResponseHeaders(false)
                    .build());
            return new Client(web, http1);
        }

        private static boolean systemProxy() {
            return System.getProperty("http.proxyHost") != null || System.getProperty("https.proxyHost") != null
                    || System.getProperty("socksProxyHost") != null || Boolean.getBoolean("java.net.useSystemProxies");
        }

        void close() {
            for (int i = 0; i < clients.length(); i++) {
                clients.set(i, null);
            }
        }
    }
}
