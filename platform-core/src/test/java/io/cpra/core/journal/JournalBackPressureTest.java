package io.cpra.core.journal;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.CodeRoute;
import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineSettings;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorSpec;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.cpra.core.storage.StorageSettings;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.metrics.api.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While storage does not take writes, the journal's queue stays bounded — the engine holds
 * back results instead — and not one code is lost: every code raised during the outage is
 * delivered, once, when storage is back. Before, the queue grew without bound (at a million
 * monitors, the heap with it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalBackPressureTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int MONITORS = 300;
    private static final int BOUND = 50;

    @TempDir
    Path folder;

    /** Storage whose writes fail while {@code down} is set, like a locked or unreachable store. */
    private static Storage flaky(Storage real, BooleanSupplier down) {
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("write") && down.getAsBoolean()) {
                        throw new io.cpra.core.storage.StorageException("the store is locked", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anOutageHoldsTheEngineBackAndLosesNoCode() {
        Storage real = Storage.open(new StorageSettings("jdbc:sqlite:" + folder.resolve("cpra.db"), "", "", 2,
                Duration.ofSeconds(1)));
        boolean[] down = {true};
        Storage storage = flaky(real, () -> down[0]);
        Journal journal = Journal.start(storage, Metrics.globalRegistry(), BOUND);
        AtomicLong nanos = new AtomicLong(1000 * SECOND);
        InstantSource wall = () -> Instant.ofEpochSecond(1_700_000_000L).plusNanos(nanos.get());
        PoolSettings pulses = new PoolSettings("pulse", 4, 64, 16, 1024, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofMillis(5));
        EngineSettings settings = new EngineSettings(Duration.ofMillis(1), pulses,
                PoolSettings.defaults("intervention", 8, 64), PoolSettings.defaults("code", 8, 64), 1 << 14, 1024,
                Duration.ofSeconds(5), DeliverySettings.DEFAULTS);
        Engine engine = Engine.start(settings, journal, nanos::get, wall);
        journal.attach(engine);
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
        Notifier receiver = (Alert alert, io.cpra.plugin.api.Deadline deadline) -> {
            if (!delivered.add(alert.id())) {
                duplicates.add(alert.id());
            }
            return DeliveryOutcome.delivered("ok");
        };
        try {
            engine.holdCodesUntilReleased().join();
            List<MonitorPlan> plans = new ArrayList<>();
            MonitorSpec spec = new MonitorSpec("scripted", SECOND, SECOND / 2, Policy.defaults(), null,
                    List.of(new CodeRoute(Colour.RED, "test", receiver, true)), List.of());
            for (int i = 0; i < MONITORS; i++) {
                plans.add(new MonitorPlan("m" + i, true, deadline -> PulseOutcome.critical("down"), spec, i));
            }
            engine.apply(plans, true).join();

            long peakBacklog = 0;
            for (int step = 0; step < 30; step++) {
                nanos.addAndGet(SECOND / 10);
                engine.summary().join();
                LockSupport.parkNanos(5_000_000);
                peakBacklog = Math.max(peakBacklog, journal.backlog());
            }
            assertThat(engine.summary().join().journalStalls()).as("the engine held back results").isPositive();
            // the engine looks at the journal every 32 results, and a failing check's result writes at most
            // three events (outcome, stage change, code): however many results a busy tick finds waiting
            assertThat(peakBacklog).as("the journal's queue stays near its bound").isLessThan(BOUND + 100);
            assertThat(delivered).as("no code is delivered before it is durable").isEmpty();

            down[0] = false;
            long deadline = System.nanoTime() + 60 * SECOND;
            while (delivered.size() < MONITORS && System.nanoTime() < deadline) {
                nanos.addAndGet(SECOND / 100);
                engine.summary().join();
                LockSupport.parkNanos(5_000_000);
            }
            assertThat(delivered).as("every monitor's red code, after the outage").hasSize(MONITORS);
            assertThat(duplicates).isEmpty();
            // the deliveries reach the outbox a batch later
            while (!real.pendingCodes().isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            assertThat(real.pendingCodes()).as("the outbox knows every code was delivered").isEmpty();
        } finally {
            engine.stop(Duration.ofSeconds(1));
            journal.close(Duration.ofSeconds(5));
            real.close();
        }
    }
}
