package io.cpra.stress.queue;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cpra.core.engine.queue.RingQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Property: no two consumers of an SPMC ring get the same element, and none is lost. The ring
 * of four starts with 1, 2, 3. One thread is the producer and also a consumer: it offers 4,
 * then polls. The other thread drains up to two. The arbiter takes the rest. Result is (what
 * the poll got, what the drain got as digits, 1 if every element 1..4 was taken exactly once,
 * complete, and each consumer got its elements in order, else 0). Two actors only: jcstress
 * runs at most as many as there are CPUs.
 */
@JCStressTest
@Description("SPMC: every element is taken by exactly one consumer, in order, none lost")
@Outcome(id = ".*, 1", expect = ACCEPTABLE, desc = "each element taken exactly once")
@Outcome(expect = FORBIDDEN, desc = "an element was taken twice, lost, incomplete or reordered")
@State
public class SpmcExclusiveTake {

    final RingQueue<Box> q = RingQueue.spmc(4);
    final int[] takes = new int[5];
    int polled;
    int drained;
    boolean ordered = true;

    public SpmcExclusiveTake() {
        q.offer(new Box[] {Box.of(1), Box.of(2), Box.of(3)}, 0, 3);
    }

    @Actor
    public void producerAndPoller(III_Result r) {
        q.offer(Box.of(4));
        Box b = q.poll();
        polled = b == null ? 0 : b.complete() ? b.id : 9;
        r.r1 = polled;
    }

    @Actor
    public void drainer(III_Result r) {
        int[] digits = new int[1];
        q.drain(b -> digits[0] = digits[0] * 10 + (b.complete() ? b.id : 9), 2);
        drained = digits[0];
        r.r2 = drained;
    }

    @Arbiter
    public void after(III_Result r) {
        count(polled);
        int last = 0;
        for (int d : new int[] {drained / 10, drained % 10}) {
            if (d != 0) {
                ordered &= d > last;
                last = d;
                count(d);
            }
        }
        q.drain(b -> count(b.complete() ? b.id : 9), 4);
        boolean exactlyOnce = takes[1] == 1 && takes[2] == 1 && takes[3] == 1 && takes[4] == 1;
        r.r3 = exactlyOnce && ordered && polled != 9 ? 1 : 0;
    }

    private void count(int id) {
        if (id >= 1 && id <= 4) {
            takes[id]++;
        } else if (id != 0) {
            ordered = false;
        }
    }
}
