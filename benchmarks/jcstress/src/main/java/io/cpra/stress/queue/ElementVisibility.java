package io.cpra.stress.queue;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cpra.core.engine.queue.RingQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Property: an element offered is fully visible to the consumer that polls it. The producer
 * writes the element's plain fields and offers it; a consumer racing it polls and reads them.
 * Seeing the element with a field still zero would mean the queue published the reference
 * before the writes that preceded the offer.
 */
public final class ElementVisibility {

    private ElementVisibility() {
    }

    static void offer(RingQueue<Box> q) {
        q.offer(Box.of(1));
    }

    static void poll(RingQueue<Box> q, II_Result r) {
        Box b = q.poll();
        if (b == null) {
            r.r1 = -1;
            r.r2 = -1;
        } else {
            r.r1 = b.id;
            r.r2 = b.shadow;
        }
    }

    @JCStressTest
    @Description("SPSC: an element offered is fully visible to the consumer that polls it")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "polled before the offer was visible")
    @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "polled the element with both fields written")
    @Outcome(expect = FORBIDDEN, desc = "polled an element whose fields were not yet written")
    @State
    public static class Spsc {
        final RingQueue<Box> q = RingQueue.spsc(4);

        @Actor
        public void producer() {
            offer(q);
        }

        @Actor
        public void consumer(II_Result r) {
            poll(q, r);
        }
    }

    @JCStressTest
    @Description("MPSC: an element offered is fully visible to the consumer that polls it")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "polled before the offer was visible")
    @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "polled the element with both fields written")
    @Outcome(expect = FORBIDDEN, desc = "polled an element whose fields were not yet written")
    @State
    public static class Mpsc {
        final RingQueue<Box> q = RingQueue.mpsc(4);

        @Actor
        public void producer() {
            offer(q);
        }

        @Actor
        public void consumer(II_Result r) {
            poll(q, r);
        }
    }

    @JCStressTest
    @Description("SPMC: an element offered is fully visible to the consumer that polls it")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "polled before the offer was visible")
    @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "polled the element with both fields written")
    @Outcome(expect = FORBIDDEN, desc = "polled an element whose fields were not yet written")
    @State
    public static class Spmc {
        final RingQueue<Box> q = RingQueue.spmc(4);

        @Actor
        public void producer() {
            offer(q);
        }

        @Actor
        public void consumer(II_Result r) {
            poll(q, r);
        }
    }
}
