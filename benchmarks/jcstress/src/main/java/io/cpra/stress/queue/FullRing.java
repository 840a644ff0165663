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
 * Property: a producer never overwrites an element that has not been taken. A ring of two
 * starts full with 1 and 2; the producer offers 3 into the slot 1 occupies while a consumer
 * polls 1 out of it. Result is (offer accepted, element polled, what is left in order as
 * digits). The offer may see the ring full or see the slot freed, but 1 must reach the
 * consumer and 2 must stay ahead of 3.
 */
public final class FullRing {

    private FullRing() {
    }

    static RingQueue<Box> full(RingQueue<Box> q) {
        q.offer(Box.of(1));
        q.offer(Box.of(2));
        return q;
    }

    static void offer(RingQueue<Box> q, III_Result r) {
        r.r1 = q.offer(Box.of(3)) ? 1 : 0;
    }

    static void poll(RingQueue<Box> q, III_Result r) {
        Box b = q.poll();
        r.r2 = b == null ? 0 : b.complete() ? b.id : -1;
    }

    static void rest(RingQueue<Box> q, III_Result r) {
        int[] digits = new int[1];
        q.drain(b -> digits[0] = digits[0] * 10 + (b.complete() ? b.id : 9), 4);
        r.r3 = digits[0];
    }

    @JCStressTest
    @Description("SPSC: an offer into a full ring never overwrites an element not yet taken")
    @Outcome(id = "1, 1, 23", expect = ACCEPTABLE, desc = "offer saw the slot the poll freed")
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "offer saw the ring still full")
    @Outcome(expect = FORBIDDEN, desc = "an element was overwritten, lost or reordered")
    @State
    public static class Spsc {
        final RingQueue<Box> q = full(RingQueue.spsc(2));

        @Actor
        public void producer(III_Result r) {
            offer(q, r);
        }

        @Actor
        public void consumer(III_Result r) {
            poll(q, r);
        }

        @Arbiter
        public void after(III_Result r) {
            rest(q, r);
        }
    }

    @JCStressTest
    @Description("MPSC: an offer into a full ring never overwrites an element not yet taken")
    @Outcome(id = "1, 1, 23", expect = ACCEPTABLE, desc = "offer saw the slot the poll freed")
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "offer saw the ring still full")
    @Outcome(expect = FORBIDDEN, desc = "an element was overwritten, lost or reordered")
    @State
    public static class Mpsc {
        final RingQueue<Box> q = full(RingQueue.mpsc(2));

        @Actor
        public void producer(III_Result r) {
            offer(q, r);
        }

        @Actor
        public void consumer(III_Result r) {
            poll(q, r);
        }

        @Arbiter
        public void after(III_Result r) {
            rest(q, r);
        }
    }

    @JCStressTest
    @Description("SPMC: an offer into a full ring never overwrites an element not yet taken")
    @Outcome(id = "1, 1, 23", expect = ACCEPTABLE, desc = "offer saw the slot the poll freed")
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "offer saw the ring still full")
    @Outcome(expect = FORBIDDEN, desc = "an element was overwritten, lost or reordered")
    @State
    public static class Spmc {
        final RingQueue<Box> q = full(RingQueue.spmc(2));

        @Actor
        public void producer(III_Result r) {
            offer(q, r);
        }

        @Actor
        public void consumer(III_Result r) {
            poll(q, r);
        }

        @Arbiter
        public void after(III_Result r) {
            rest(q, r);
        }
    }
}
