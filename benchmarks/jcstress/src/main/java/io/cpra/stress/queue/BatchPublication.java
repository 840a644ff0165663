package io.cpra.stress.queue;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cpra.core.engine.queue.RingQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Property: a batch drain never sees a half-published slot. The producer offers a batch of two
 * elements in one call while the consumer drains; result is (elements drained, elements that
 * arrived incomplete or out of order). SPMC consumers claim by the producer index, which the
 * producer publishes once per batch, so there a drain sees all of the batch or none of it.
 * SPSC and MPSC consumers go by slots, each published on its own, so a drain may stop after
 * the first; it must still never see a slot without its element's contents.
 */
public final class BatchPublication {

    private BatchPublication() {
    }

    static void offerBatch(RingQueue<Box> q) {
        q.offer(new Box[] {Box.of(1), Box.of(2)}, 0, 2);
    }

    static void drain(RingQueue<Box> q, II_Result r) {
        int[] seen = new int[1];
        int[] anomalies = new int[1];
        r.r1 = q.drain(b -> {
            seen[0]++;
            if (!b.complete() || b.id != seen[0]) {
                anomalies[0]++;
            }
        }, 4);
        r.r2 = anomalies[0];
    }

    @JCStressTest
    @Description("SPSC: a batch drain sees a prefix of a batch offer, never a half-published slot")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "drained before the first slot was filled")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "drained the first slot before the second was filled")
    @Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "drained the whole batch, complete and in order")
    @Outcome(expect = FORBIDDEN, desc = "saw an incomplete or reordered element")
    @State
    public static class Spsc {
        final RingQueue<Box> q = RingQueue.spsc(4);

        @Actor
        public void producer() {
            offerBatch(q);
        }

        @Actor
        public void consumer(II_Result r) {
            drain(q, r);
        }
    }

    @JCStressTest
    @Description("MPSC: a batch drain sees a prefix of a batch offer, never a half-published slot")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "drained before the first slot was filled")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "drained the first slot before the second was filled")
    @Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "drained the whole batch, complete and in order")
    @Outcome(expect = FORBIDDEN, desc = "saw an incomplete or reordered element")
    @State
    public static class Mpsc {
        final RingQueue<Box> q = RingQueue.mpsc(4);

        @Actor
        public void producer() {
            offerBatch(q);
        }

        @Actor
        public void consumer(II_Result r) {
            drain(q, r);
        }
    }

    @JCStressTest
    @Description("SPMC: a batch drain sees a batch offer all or nothing, never a half-published slot")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "drained before the batch was published")
    @Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "drained the whole batch, complete and in order")
    @Outcome(expect = FORBIDDEN, desc = "saw part of a batch, or an incomplete or reordered element")
    @State
    public static class Spmc {
        final RingQueue<Box> q = RingQueue.spmc(4);

        @Actor
        public void producer() {
            offerBatch(q);
        }

        @Actor
        public void consumer(II_Result r) {
            drain(q, r);
        }
    }
}
