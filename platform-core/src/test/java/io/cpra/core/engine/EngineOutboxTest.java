package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes are never stranded by a reload. Before, a reload that replaced a monitor's notifier
 * closed it at once, under a delivery still running or a retry still waiting; the log plugin
 * then failed with "log file ... was closed" and the code raised before the reload was
 * dead-lettered. Now a notifier stays open until the last code that uses it is done.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineOutboxTest {

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A notifier like the log plugin's: delivering after close fails. */
    private static final class FileLikeNotifier implements Notifier {
        final AtomicBoolean closed = new AtomicBoolean();
        final List<Alert> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile IntFunction<DeliveryOutcome> answer = n -> DeliveryOutcome.delivered("written");

        @Override
        public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
            gate.await();
            if (closed.get()) {
                throw new IllegalStateException("log file alerts.log was closed");
            }
            DeliveryOutcome outcome = answer.apply(calls.incrementAndGet());
            if (outcome.delivered()) {
                delivered.add(alert);
            }
            return outcome;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static MonitorSpec spec(Notifier notifier) {
        return new MonitorSpec("scripted", SECOND, 500 * MS, Policy.defaults(), null,
                List.of(new CodeRoute(Colour.RED, "log", notifier, true)), List.of());
    }

    private void load(Notifier notifier, long fingerprint) {
        fixture.engine.apply(List.of(new MonitorPlan("m", true, new ScriptedCheck(n -> PulseOutcome.critical("down")),
                spec(notifier), fingerprint)), false).join();
    }

    @Test
    void aDeliveryRunningWhenItsMonitorIsReloadedFinishesBeforeItsNotifierIsClosed() throws Exception {
        FileLikeNotifier before = new FileLikeNotifier();
        before.gate = new CountDownLatch(1);
        load(before, 1);
        // the red code's delivery starts and waits at the gate; nothing settles while it waits
        fixture.nanos.addAndGet(SECOND);
        awaitCalls(() -> fixture.engine.pools().get(2).inFlight() == 1);

        FileLikeNotifier after = new FileLikeNotifier();
        load(after, 2);
        fixture.engine.summary().join();
        assertThat(before.closed).as("closed while its delivery runs").isFalse();

        before.gate.countDown();
        fixture.settle();

        assertThat(before.delivered).singleElement().satisfies(alert -> assertThat(alert.colour()).isEqualTo(Colour.RED));
        assertThat(before.closed).as("closed once its last delivery ended").isTrue();
        assertThat(after.closed).isFalse();
        assertThat(fixture.engine.summary().join().faults()).isZero();
    }

    @Test
    void aCodeWaitingForItsRetryIsDeliveredAfterItsMonitorIsReloaded() {
        FileLikeNotifier before = new FileLikeNotifier();
        before.answer = n -> n == 1 ? DeliveryOutcome.retry("disk busy") : DeliveryOutcome.delivered("written");
        load(before, 1);
        fixture.advance(Duration.ofSeconds(1));
        assertThat(before.calls).hasValue(1);

        load(new FileLikeNotifier(), 2);
        assertThat(before.closed).as("a retry still needs it").isFalse();
        // the fixture's schedule retries 10 s later
        fixture.advance(Duration.ofSeconds(11));

        assertThat(before.delivered).singleElement().satisfies(alert -> assertThat(alert.colour()).isEqualTo(Colour.RED));
        assertThat(fixture.events(EngineEvent.DeliveryFinished.class)).noneMatch(EngineEvent.DeliveryFinished::deadLettered);
        assertThat(before.closed).isTrue();
    }

    @Test
    void aCodeOfARemovedMonitorIsStillDeliveredThenItsNotifierClosed() {
        FileLikeNotifier notifier = new FileLikeNotifier();
        notifier.answer = n -> n == 1 ? DeliveryOutcome.retry("disk busy") : DeliveryOutcome.delivered("written");
        load(notifier, 1);
        fixture.advance(Duration.ofSeconds(1));

        assertThat(fixture.engine.remove("m").join()).isTrue();
        assertThat(notifier.closed).isFalse();
        fixture.advance(Duration.ofSeconds(11));

        assertThat(notifier.delivered).hasSize(1);
        assertThat(notifier.closed).isTrue();
    }

    @Test
    void aNotifierNothingUsesIsClosedAtOnce() {
        FileLikeNotifier before = new FileLikeNotifier();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, ScriptedCheck.passing(), spec(before), 1)), false).join();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, ScriptedCheck.passing(), spec(new FileLikeNotifier()), 2)),
                false).join();
        fixture.settle();
        assertThat(before.closed).isTrue();
    }

    private static void awaitCalls(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
