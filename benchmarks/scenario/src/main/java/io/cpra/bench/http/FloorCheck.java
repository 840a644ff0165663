package io.cpra.bench.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Http1HeadersParser;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1StatusParser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The floor under the {@code http} pulse, for {@code --client=floor}: a GET whose request bytes
 * are prepared once, written on Helidon's own {@link TcpClientConnection}, its status line and
 * headers read with Helidon's HTTP/1 parsers and its body skipped by its length. What a check
 * costs with Helidon's connection layer but without its request and response objects. Not a
 * monitor: no timeouts beyond the socket's, no redirects, no chunked bodies, no TLS.
 * Thread-safe.
 */
final class FloorCheck implements PulseCheck {

    private final byte[] request;
    private final Connections connections;

    private FloorCheck(byte[] request, Connections connections) {
        this.request = request;
        this.connections = connections;
    }

    /** The idle connections of one nginx, shared by the floor checks of a run. */
    static final class Connections {
        private final WebClient client = WebClient.builder().build();
        private final ConnectionKey key;
        private final ConcurrentLinkedDeque<TcpClientConnection> idle = new ConcurrentLinkedDeque<>();

        Connections(int port) {
            key = ConnectionKey.create("http", "127.0.0.1", port, Tls.builder().enabled(false).build(),
                    client.prototype().dnsResolver(), client.prototype().dnsAddressLookup(), Proxy.noProxy());
        }

        FloorCheck check(String path) {
            String text = "GET " + path + " HTTP/1.1\r\nHost: " + key.host() + ":" + key.port()
                    + "\r\nUser-Agent: cpra\r\n\r\n";
            return new FloorCheck(text.getBytes(StandardCharsets.US_ASCII), this);
        }
    }

    @Override
    public PulseOutcome check(Deadline deadline) {
        TcpClientConnection connection = connections.idle.pollFirst();
        if (connection == null) {
            connection = TcpClientConnection.create(connections.client, connections.key, List.of("http/1.1"),
                    released -> true, closed -> { }).connect();
        }
        try {
            connection.readTimeout(Duration.ofMillis(deadline.timeoutMillis()));
            connection.writer().writeNow(BufferData.create(request));
            DataReader reader = connection.reader();
            Status status = Http1StatusParser.readStatus(reader, 256);
            WritableHeaders<?> headers = Http1HeadersParser.readHeaders(reader, 16_384, false);
            reader.skip(Integer.parseInt(headers.get(HeaderNames.CONTENT_LENGTH).get()));
            if (headers.contains(HeaderValues.CONNECTION_CLOSE)) {
                connection.closeResource();
            } else {
                connections.idle.offerFirst(connection);
            }
            return status.code() == 200 ? PulseOutcome.ok("HTTP 200") : PulseOutcome.critical("HTTP " + status.code());
        } catch (RuntimeException e) {
            connection.closeResource();
            return PulseOutcome.critical(e.getClass().getSimpleName());
        }
    }
}
