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
 * Property: concurrent batch offers into an MPSC ring each land as one contiguous run, in
 * order, and nothing is lost or seen twice. Two producers offer [1, 2] and [3, 4] into a ring
 * of four; the arbiter drains it. Result is (what each producer's offer accepted, everything
 * taken as digits in order). Interleavings such as 1324 would mean a batch was not claimed
 * with one CAS. (A consumer racing the producers is {@link BatchPublication.Mpsc}; jcstress
 * runs at most as many actors as there are CPUs, two here.)
 */
@JCStressTest
@Description("MPSC: each batch offer lands as one contiguous run; nothing is lost or duplicated")
@Outcome(id = "2, 2, 1234", expect = ACCEPTABLE, desc = "first producer claimed first")
@Outcome(id = "2, 2, 3412", expect = ACCEPTABLE, desc = "second producer claimed first")
@Outcome(expect = FORBIDDEN, desc = "batches interleaved, or an element was lost, duplicated or incomplete")
@State
public class MpscBatchClaim {

    final RingQueue<Box> q = RingQueue.mpsc(4);
    int digits;

    @Actor
    public void producer1(III_Result r) {
        r.r1 = q.offer(new Box[] {Box.of(1), Box.of(2)}, 0, 2);
    }

    @Actor
    public void producer2(III_Result r) {
        r.r2 = q.offer(new Box[] {Box.of(3), Box.of(4)}, 0, 2);
    }

    @Arbiter
    public void after(III_Result r) {
        q.drain(this::record, 4);
        r.r3 = digits;
    }

    private void record(Box b) {
        digits = digits * 10 + (b.complete() ? b.id : 9);
    }
}
