package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine counts every check into the current minute and hands closed minutes over in chunks. */
class EngineHistoryTest {

    private final List<HistoryChunk> chunks = new CopyOnWriteArrayList<>();
    private final EngineFixture fixture = new EngineFixture(EngineFixture.settings(1024), chunk -> chunks.add(chunk));

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void closedMinutesCarryEveryCheckFailureAndStageChangeOnce() {
        ScriptedCheck check = new ScriptedCheck(n -> n <= 2 ? PulseOutcome.critical("HTTP 503") : PulseOutcome.ok("ok"));
        MonitorSpec spec = new MonitorSpec("scripted", SECOND, 500 * MS, Policy.defaults(), null, List.of(),
                List.of("payments", "eu"));
        fixture.engine.apply(List.of(new MonitorPlan("api", true, check, spec, 1)), false).join();

        fixture.advance(Duration.ofSeconds(150));

        long complete = chunks.stream().mapToLong(HistoryChunk::completeBefore).max().orElseThrow();
        assertThat(complete).isGreaterThan(Long.MIN_VALUE);
        long checks = 0;
        long failures = 0;
        long changes = 0;
        java.util.Set<Long> minutes = new java.util.HashSet<>();
        for (HistoryChunk chunk : chunks) {
            for (int i = 0; i < chunk.size(); i++) {
                assertThat(chunk.monitor(i)).isEqualTo("api");
                assertThat(chunk.groups(i)).containsExactly("payments", "eu");
                assertThat(chunk.minute(i)).isLessThan(complete);
                assertThat(minutes.add(chunk.minute(i))).as("one bucket per minute").isTrue();
                // scripted checks take no time: every one lands in the first latency bucket
                assertThat(chunk.histogram(i, 0)).isEqualTo(chunk.checks(i));
                checks += chunk.checks(i);
                failures += chunk.failures(i);
                changes += chunk.stageChanges(i);
            }
        }
        assertThat(minutes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(failures).isEqualTo(2);
        assertThat(changes).isEqualTo(2);  // healthy -> failing at the first failure, back after two passes
        // every check but those of the minute still open (at most 60 at one a second)
        assertThat(checks).isBetween(check.calls.get() - 60L, (long) check.calls.get());
    }

    @Test
    void aFullHistogramBucketHalvesEveryBucket() {
        long histogram = 0;
        for (int i = 0; i < 255; i++) {
            histogram = MinuteCounts.histogramAdd(histogram, 3);
        }
        histogram = MinuteCounts.histogramAdd(histogram, 0);
        histogram = MinuteCounts.histogramAdd(histogram, 3);
        assertThat((histogram >>> 24) & 0xFF).isEqualTo(128L);  // 255 halved, plus one
        assertThat(histogram & 0xFF).isZero();                    // 1 halved
    }

    @Test
    void latenciesFallIntoTheDocumentedBuckets() {
        assertThat(MinuteCounts.bucketOf(0)).isZero();
        assertThat(MinuteCounts.bucketOf(10_000)).isZero();
        assertThat(MinuteCounts.bucketOf(10_001)).isEqualTo(1);
        assertThat(MinuteCounts.bucketOf(1_000_000)).isEqualTo(6);
        assertThat(MinuteCounts.bucketOf(1_000_001)).isEqualTo(7);
    }
}
