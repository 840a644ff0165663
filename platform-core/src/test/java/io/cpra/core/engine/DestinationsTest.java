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

    /** Rows as the store would keep them: each row's destination text, id, rate and timeout. */
    private final java.util.Map<Integer, String> texts = new java.util.HashMap<>();
    private final java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
    private final java.util.Map<Integer, Long> timeouts = new java.util.HashMap<>();
    private final Destinations destinations = new Destinations(new Destinations.Rows() {
        @Override
        public String destination(int row) {
            return texts.getOrDefault(row, "");
        }

        @Override
        public int id(int row) {
            return ids.getOrDefault(row, Destinations.NONE);
        }

        @Override
        public void id(int row, int id) {
            ids.put(row, id);
        }

        @Override
        public double perSecond(int row) {
            return 1.0;
        }

        @Override
        public long timeoutNanos(int row) {
            return timeouts.getOrDefault(row, SECOND);
        }

        @Override
        public int reuse(int row) {
            return 8;
        }
    });
    private int nextRow;
    private final int slow = destination("slow.example:80");
    private final int closed = destination("127.0.0.1:9");

    /** Two monitors of a destination give it an id. */
    private int destination(String text) {
        for (int i = 0; i < 2; i++) {
            int row = nextRow++;
            texts.put(row, text);
            destinations.attach(row, text);
        }
        return destinations.idOf(text);
    }

    private static PulseJob job(int row, int destination, long due) {
        return new PulseJob(row + 1L, destination, deadline -> PulseOutcome.ok("unused"), due, SECOND, false);
    }

    /** Schedules {@code count} monitors of a destination at one check a second. */
    private List<Integer> monitors(int destination, int count, long timeout) {
        List<Integer> rows = new ArrayList<>();
        String text = destinations.name(destination);
        for (int i = 0; i < count; i++) {
            int row = nextRow++;
            texts.put(row, text);
            timeouts.put(row, timeout);
            destinations.attach(row, text);
            destinations.count(row, ids.get(row), 1.0, timeout);
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aDestinationGetsAnIdWhenASecondMonitorGoesThere() {
        assertThat(destinations.idOf("")).isEqualTo(Destinations.NONE);
        assertThat(slow).isNotEqualTo(Destinations.NONE);
        assertThat(destinations.name(closed)).isEqualTo("127.0.0.1:9");

        int row = nextRow++;
        texts.put(row, "once.example:443");
        destinations.attach(row, "once.example:443");
        assertThat(Destinations.admissionId(ids.get(row))).as("one monitor: no entry").isEqualTo(Destinations.NONE);
        assertThat(destinations.size()).isEqualTo(3);

        int second = nextRow++;
        texts.put(second, "once.example:443");
        destinations.attach(second, "once.example:443");
        int id = destinations.idOf("once.example:443");
        assertThat(id).isNotEqualTo(Destinations.NONE);
        assertThat(ids.get(row)).as("the first monitor moves under it").isEqualTo(id);
        assertThat(ids.get(second)).isEqualTo(id);
    }

    @Test
    void aMonitorThatGoesAwayFreesItsPlace() {
        for (int i = 0; i < 5000; i++) {
            int row = nextRow++;
            texts.put(row, "host-" + row + ":80");
            destinations.attach(row, "host-" + row + ":80");
        }
        for (int row = 4; row < nextRow; row++) {
            destinations.detach(row);
        }
        // a monitor of a destination whose only monitor went away is alone again
        int again = nextRow++;
        texts.put(again, "host-4000:80");
        destinations.attach(again, "host-4000:80");
        assertThat(Destinations.admissionId(ids.get(again))).isEqualTo(Destinations.NONE);
        assertThat(destinations.idOf("host-4000:80")).isEqualTo(Destinations.NONE);
    }

    @Test
    void demandMovesWithAMonitorWhenItsDestinationGetsAnId() {
        int first = nextRow++;
        texts.put(first, "pair.example:80");
        destinations.attach(first, "pair.example:80");
        destinations.count(first, Destinations.NONE, 1.0, SECOND);
        int second = nextRow++;
        texts.put(second, "pair.example:80");
        destinations.attach(second, "pair.example:80");
        destinations.count(second, ids.get(second), 1.0, SECOND);
        // both monitors' load now sits with the pair: 2/s × 1 s = 2 calls in flight, heavy
        destinations.adapt(3, false);
        assertThat(destinations.scarce()).isTrue();
        assertThat(destinations.cap(destinations.idOf("pair.example:80"))).isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void whileThePoolCoversTheDemandNobodyIsLimited() {
        monitors(slow, 3000, 2 * SECOND);     // 6,000 calls in flight
        monitors(closed, 1000, SECOND / 10);  // 100
        double offered = destinations.adapt(20_000, false);
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
        destinations.adapt(400, false);

        assertThat(destinations.scarce()).isTrue();
        // the light reserve is 0.5 + 2·√0.5 + 1 → 3; 397 left for two heavy loads: the smaller
        // asks 100 + 2·10 + 1 = 121 and gets it, the slow one gets the rest
        assertThat(destinations.cap(quick)).isEqualTo(Integer.MAX_VALUE);
        assertThat(destinations.cap(closed)).isEqualTo(121);
        assertThat(destinations.cap(slow)).isEqualTo(397 - 121);
        assertThat(destinations.cap(Destinations.NONE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void underLocalPressureAShareStaysWithinTheConnectionsItsPluginKeeps() {
        monitors(slow, 3000, 2 * SECOND);
        monitors(closed, 1000, SECOND / 10);
        destinations.adapt(400, false);
        assertThat(destinations.cap(slow)).isGreaterThan(8);
        destinations.adapt(400, true);
        // the fixture's plugin keeps 8 connections per destination
        assertThat(destinations.cap(slow)).isEqualTo(8);
        assertThat(destinations.cap(closed)).isEqualTo(8);
    }

    @Test
    void jobsBeyondTheirShareWaitAndTheStarvedGoFirst() {
        List<Integer> rows = monitors(slow, 3000, 2 * SECOND);
        destinations.adapt(10, false);
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
        destinations.adapt(5, false);
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
        destinations.count(7_000, slow, 2.0, SECOND);
        destinations.count(7_000, slow, 2.0, SECOND);
        assertThat(destinations.adapt(20_000, false)).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
        destinations.uncount(7_000, slow, 2.0, SECOND);
        destinations.uncount(7_000, slow, 2.0, SECOND);
        // the service time the timeouts gave stays as the estimate; the demand is gone
        assertThat(destinations.adapt(20_000, false)).isZero();
    }
}
