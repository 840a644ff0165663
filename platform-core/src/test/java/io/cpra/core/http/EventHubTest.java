package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out on its own, with no threads: what is queued, what is dropped, what ends. */
class EventHubTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NOW = 0;

    private static EngineEvent stage(String monitor) {
        return new EngineEvent.StageChanged(AT, monitor, Stage.HEALTHY, Stage.FAILING, 0, "refused", null, java.util.List.of());
    }

    private static EngineEvent code(String monitor, Colour colour) {
        return new EngineEvent.CodeRaised(AT, monitor, colour, "a-1", 0, false, false, "", "summary", null);
    }

    @Test
    void aFullSubscriberIsDroppedWhileTheOthersKeepEverything() throws InterruptedException {
        EventHub hub = new EventHub(3);
        EventHub.Subscription stuck = hub.subscribe(e -> true);
        EventHub.Subscription reading = hub.subscribe(e -> true);

        for (int i = 0; i < 3; i++) {
            hub.accept(stage("m" + i));
            assertThat(reading.next(NOW)).isNotNull();
        }
        assertThat(stuck.endedBecause()).isNull();
        hub.accept(stage("m3"));

        assertThat(stuck.endedBecause()).isEqualTo("dropped: this stream fell more than 3 events behind; reconnect to resume");
        assertThat(stuck.next(NOW)).as("an ended subscription yields nothing more").isNull();
        assertThat(reading.next(NOW).monitor()).isEqualTo("m3");
        assertThat(hub.subscribers()).isEqualTo(1);
        assertThat(hub.dropped()).isEqualTo(1);
    }

    @Test
    void eventsTheFilterRefusesTakeNoRoom() throws InterruptedException {
        EventHub hub = new EventHub(1);
        EventHub.Subscription reds = hub.subscribe(new EventFilter(Set.of(), Set.of(Colour.RED), Set.of()));

        for (int i = 0; i < 100; i++) {
            hub.accept(stage("m"));
            hub.accept(code("m", Colour.YELLOW));
        }
        hub.accept(code("m", Colour.RED));

        assertThat(reds.endedBecause()).isNull();
        assertThat(((EngineEvent.CodeRaised) reds.next(NOW)).colour()).isEqualTo(Colour.RED);
        assertThat(reds.next(NOW)).isNull();
    }

    @Test
    void closingEndsEverySubscriptionAndRefusesNewOnes() throws InterruptedException {
        EventHub hub = new EventHub(2);
        EventHub.Subscription open = hub.subscribe(e -> true);
        hub.accept(stage("m"));
        hub.accept(stage("m"));

        hub.close();

        assertThat(open.endedBecause()).isEqualTo(EventHub.STOPPING);
        // even with a full queue the end is noticed at once
        assertThat(open.next(Duration.ofSeconds(10).toNanos())).isNull();
        assertThat(hub.subscribe(e -> true)).isNull();
        assertThat(hub.subscribers()).isZero();
    }

    @Test
    void aCancelledSubscriptionIsNoLongerFed() {
        EventHub hub = new EventHub(1);
        EventHub.Subscription gone = hub.subscribe(e -> true);

        gone.cancel();
        hub.accept(stage("m"));
        hub.accept(stage("m"));

        assertThat(hub.subscribers()).isZero();
        assertThat(hub.dropped()).isZero();
    }

    @Test
    void thereIsACapOnOpenSubscriptions() {
        EventHub hub = new EventHub(1);
        for (int i = 0; i < EventHub.MAX_SUBSCRIBERS; i++) {
            assertThat(hub.subscribe(e -> true)).isNotNull();
        }

        assertThat(hub.subscribe(e -> true)).isNull();
    }
}
