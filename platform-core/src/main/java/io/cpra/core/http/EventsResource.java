package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/events}: the engine's events as they happen, as Server-Sent Events named
 * by kind with the event's JSON as data. The stream opens with a {@code connected} comment,
 * sends a {@code heartbeat} comment whenever it was quiet for the heartbeat interval (which is
 * also how a vanished client is noticed), and ends with a comment when the subscriber fell too
 * far behind or the server stops. Each stream runs on its own request thread. Thread-safe.
 */
final class EventsResource {

    private static final System.Logger LOG = System.getLogger(EventsResource.class.getName());

    static final String PATH = ApiRouting.PREFIX + "/events";
    /** Proxies commonly cut connections idle for 30 to 60 s. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private final EventHub hub;
    private final long heartbeatNanos;

    EventsResource(EventHub hub, Duration heartbeat) {
        this.hub = hub;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    List<Route> routes() {
        return List.of(new Route(Method.GET, PATH, this::stream));
    }

    private void stream(Call call) throws InterruptedException {
        EventFilter filter = EventFilter.of(call.query(EventFilter.PARAMETERS));
        if (call.head()) {
            // what a GET would start with, and no stream
            call.response().header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            call.response().status(Status.OK_200).send();
            return;
        }
        EventHub.Subscription subscription = hub.subscribe(filter);
        if (subscription == null) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "too many open event streams (at most "
                    + EventHub.MAX_SUBSCRIBERS + "); try again later").withHeader(HeaderNames.RETRY_AFTER, "5");
        }
        try (SseStream sse = new SseStream(call.response())) {
            // the first bytes: the client knows it is subscribed before any event
            sse.comment("connected");
            long quietSince = System.nanoTime();
            while (true) {
                long wait = Math.max(1, heartbeatNanos - (System.nanoTime() - quietSince));
                EngineEvent event = subscription.next(wait);
                String ended = subscription.endedBecause();
                if (ended != null) {
                    sse.comment(ended);
                    return;
                }
                if (event != null) {
                    sse.event(EventJson.kind(event), EventJson.of(event).toString());
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= heartbeatNanos) {
                    sse.comment("heartbeat");
                    quietSince = System.nanoTime();
                }
            }
        } catch (UncheckedIOException gone) {
            // the client left; noticed at the latest by the next heartbeat
            LOG.log(System.Logger.Level.DEBUG, "an event stream's client left", gone);
        } finally {
            subscription.cancel();
        }
    }
}
