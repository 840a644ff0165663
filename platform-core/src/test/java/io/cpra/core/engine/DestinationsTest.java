package io.cpra.core.engine;

import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Demand by destination and fair shares of a pool that cannot give everyone enough. */
class DestinationsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final Destinations destinations = new Destinations();
    private final int slow = destinations.idOf("slow.example:80");
    private final int closed = destinations.idOf("127.0.0.1:9");
    private int nextRow;

    private static PulseJob job(int row, int destination, long due) {
        return new PulseJob(row + 1L, destination, deadline -> PulseOutcome.ok("unused"), due, SECOND, false);
    }

    /** Schedules {@code count} monitors of a destination at one check a second. */
    private List<Integer> monitors(int destination, int count, long timeout) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int row = nextRow++;
            destinations.count(row, destination, 1.0, timeout);
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theEmptyDestinationIsNoneAndNamesKeepTheirIds() {
        assertThat(destinations.idOf("")).isEqualTo(Destinations.NONE);
        assertThat(destinations.idOf("slow.example:80")).isEqualTo(slow);
        assertThat(destinations.name(closed)).isEqualTo("127.0.0.1:9");
        assertThat(destinations.size()).isEqualTo(3);
    }

    @Test
    void whileThePoolCoversTheDemandNobodyIsLimited() {
        monitors(slow, 3000, 2 * SECOND);     // 6,000 calls in flight
        monitors(closed, 1000, SECOND / 10);  // 100
        double offered = destinations.adapt(20_000);
        assertThat(offered).isEqualTo(6100.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(destinations.scarce()).isFalse();
        assertThat(destinations.cap(slow)).isEqualTo(Integer.MAX_VALUE);
        assertThat(destinations.cap(closed)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aScarcePoolIsSharedFairlyAndTheLightGoFree() {
        monitors(slow, 3000, 2 * SECOND);                 // heavy: 6,000 in flight
        monitors(closed, 1000, SECOND / 10);              // heavy by its timeouts until measured: 100
        int quick = destinations.idOf("quick.example:443");
        monitors(quick, 10, 50 * MS);                      // light: 0.5 in flight
        destinations.adapt(400);

        assertThat(destinations.scarce()).isTrue();
        // the light reserve is 0.5 + 2·√0.5 + 1 → 3; 397 left for two heavy loads: the smaller
        // asks 100 + 2·10 + 1 = 121 and gets it, the slow one gets the rest
        assertThat(destinations.cap(quick)).isEqualTo(Integer.MAX_VALUE);
        assertThat(destinations.cap(closed)).isEqualTo(121);
        assertThat(destinations.cap(slow)).isEqualTo(397 - 121);
        assertThat(destinations.cap(Destinations.NONE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void jobsBeyondTheirShareWaitAndTheStarvedGoFirst() {
        List<Integer> rows = monitors(slow, 3000, 2 * SECOND);
        destinations.adapt(10);
        int cap = destinations.cap(slow);
        assertThat(cap).isBetween(1, 10);
        for (int i = 0; i < cap; i++) {
            assertThat(destinations.admit(job(rows.get(i), slow, 0), rows.get(i))).isTrue();
        }
        PulseJob fresh = job(rows.get(cap), slow, 0);
        PulseJob starved = job(rows.get(cap + 1), slow, 0);
        destinations.starved(rows.get(cap + 1));
        assertThat(destinations.admit(fresh, rows.get(cap))).isFalse();
        assertThat(destinations.admit(starved, rows.get(cap + 1))).isFalse();
        assertThat(destinations.parkedJobs()).isEqualTo(2);

        List<PulseJob> admitted = new ArrayList<>();
        assertThat(destinations.admitParked(admitted::add, 10)).isZero();
        destinations.returned(job(rows.get(0), slow, 0), false);
        assertThat(destinations.admitParked(admitted::add, 10)).isEqualTo(1);
        assertThat(admitted).containsExactly(starved);
        assertThat(destinations.parkedJobs()).isEqualTo(1);
    }

    @Test
    void parkedJobsWhoseSlotPassedAreGivenUp() {
        List<Integer> rows = monitors(slow, 3000, 2 * SECOND);
        destinations.adapt(5);
        for (int i = 0; i < destinations.cap(slow); i++) {
            destinations.admit(job(rows.get(i), slow, 0), rows.get(i));
        }
        PulseJob early = job(rows.get(100), slow, 0);
        PulseJob late = job(rows.get(101), slow, 500 * MS);
        destinations.admit(early, 100);
        destinations.admit(late, 101);
        assertThat(destinations.oldestParkedDue(Long.MAX_VALUE)).isZero();

        List<PulseJob> givenUp = new ArrayList<>();
        Destinations.Expired sink = new Destinations.Expired() {
            @Override
            public boolean late(PulseJob job, long now) {
                return now - job.dueNanos() >= SECOND;
            }

            @Override
            public void expired(PulseJob job) {
                givenUp.add(job);
            }
        };
        assertThat(destinations.expire(SECOND, sink)).isEqualTo(1);
        assertThat(givenUp).containsExactly(early);
        assertThat(destinations.parkedJobs()).isEqualTo(1);
        assertThat(destinations.oldestParkedDue(Long.MAX_VALUE)).isEqualTo(500 * MS);
    }

    @Test
    void demandIsCountedOncePerRowAndGoesWithIt() {
        destinations.count(7, slow, 2.0, SECOND);
        destinations.count(7, slow, 2.0, SECOND);
        assertThat(destinations.adapt(20_000)).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
        destinations.uncount(7, slow, 2.0, SECOND);
        destinations.uncount(7, slow, 2.0, SECOND);
        // the service time the timeouts gave stays as the estimate; the demand is gone
        assertThat(destinations.adapt(20_000)).isZero();
    }
}
