package io.cpra.core.engine.queue;

import java.util.function.Consumer;

/**
 * A bounded, lock-free FIFO of non-null references with batch operations, for passing work
 * between threads without locks or allocation.
 *
 * <p><b>Variants.</b> Each factory names how many threads may use each side at once:
 * {@link #spsc} (one producer, one consumer), {@link #mpsc} (many producers, one consumer),
 * {@link #spmc} (one producer, many consumers). The producer side is {@link #offer(Object)}
 * and {@link #offer(Object[], int, int)}; the consumer side is {@link #poll()} and
 * {@link #drain(Consumer, int)}. On a "single" side calls must not overlap and must be ordered
 * by happens-before (one thread at a time, handed over safely); the queue does not check this
 * except under {@code -ea}. {@link #size()}, {@link #isEmpty()} and {@link #capacity()} may be
 * called from any thread.
 *
 * <p><b>Invariants.</b> Capacity is a power of two fixed at creation; the queue never holds
 * more elements than that. Elements leave in the order their producer put them in (FIFO per
 * producer; for {@link #mpsc}, FIFO in claim order across producers). Every element is taken
 * by exactly one consumer call (see {@link #drain(Consumer, int)} for the one exception, a
 * throwing consumer). A slot is cleared when its element is taken, so the queue keeps no
 * reference to anything it handed out.
 *
 * <p><b>Memory effects.</b> Everything a producer did before offering an element happens-before
 * everything the consumer does after {@code poll} or {@code drain} hands that element over.
 *
 * <p><b>Batches.</b> {@link #offer(Object[], int, int)} accepts a prefix of the batch, as long
 * as there is room; the multi-producer variant claims that prefix with one CAS, and the
 * single-producer variants check free space against a cached limit rather than per element.
 * {@link #drain(Consumer, int)} hands over up to {@code limit} elements; the single-consumer
 * variants publish the consumer index once, when the batch ends, and the multi-consumer
 * variant claims the whole run with one CAS. Prefer them on the hot side: the shared index
 * traffic is paid once per batch instead of once per element.
 *
 * <p><b>Full and empty are not errors.</b> {@code offer} returns {@code false} (or a short
 * count) when there is no room now; {@code poll} returns {@code null} (or {@code drain} 0)
 * when nothing can be taken now. Nothing here blocks or spins waiting for the other side.
 *
 * @param <E> element type
 */
public interface RingQueue<E> {

    /** Largest capacity a queue can have: 2<sup>30</sup>. */
    int MAX_CAPACITY = 1 << 30;

    /**
     * One producer thread, one consumer thread.
     *
     * <p>Progress: both sides are wait-free (every call finishes in a bounded number of its own
     * steps). The consumer finds elements by their slots and never reads the producer's index;
     * the producer reads the consumer's index only when the free space it cached runs out. The
     * consumer publishes its progress once per call; a drain may see a batch offer that is
     * still being written as a prefix.
     *
     * @param capacity requested capacity, {@code 1..}{@link #MAX_CAPACITY}, rounded up to a
     *                 power of two
     * @param <E>      element type
     * @return an empty queue
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <E> RingQueue<E> spsc(int capacity) {
        return new SpscRing<>(capacity);
    }

    /**
     * Many producer threads, one consumer thread.
     *
     * <p>Progress: producers are lock-free (a CAS that fails means another producer claimed
     * slots, so the system as a whole moved on); the consumer is wait-free. A producer that
     * stalls between claiming a slot and filling it hides that slot and everything behind it
     * from the consumer until it resumes: {@code poll} returns {@code null} and {@code drain}
     * stops short there, while {@link #size()} still counts the claimed slots.
     *
     * @param capacity requested capacity, {@code 1..}{@link #MAX_CAPACITY}, rounded up to a
     *                 power of two
     * @param <E>      element type
     * @return an empty queue
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <E> RingQueue<E> mpsc(int capacity) {
        return new MpscRing<>(capacity);
    }

    /**
     * One producer thread, many consumer threads.
     *
     * <p>Progress: the producer is wait-free; consumers are lock-free (a failed CAS means another
     * consumer took elements). A consumer that stalls between claiming elements and taking them
     * out of their slots keeps those slots occupied: once the producer comes round to the first
     * of them it accepts nothing more until that consumer resumes, even though later slots
     * may be free. The producer publishes each call's elements with one release store of its
     * index, so consumers see a batch offer whole or not at all.
     *
     * @param capacity requested capacity, {@code 1..}{@link #MAX_CAPACITY}, rounded up to a
     *                 power of two
     * @param <E>      element type
     * @return an empty queue
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <E> RingQueue<E> spmc(int capacity) {
        return new SpmcRing<>(capacity);
    }

    /**
     * Producer side: adds one element if there is room now.
     *
     * @param e element to add
     * @return {@code true} if added, {@code false} if the queue was full
     * @throws NullPointerException if {@code e} is null
     */
    boolean offer(E e);

    /**
     * Producer side: adds {@code batch[from]}, {@code batch[from + 1]}, ... in that order, as
     * many as there is room for now, and returns how many were added: always a prefix of the
     * range, never a gap. The caller keeps the rest ({@code batch[from + n]} onwards) to offer
     * again later. The elements that fit are checked for null before any is added; elements
     * past them are not looked at, so a full queue costs no scan.
     *
     * @param batch source array; not modified
     * @param from  index of the first element to offer
     * @param count number of elements to offer, {@code >= 0}
     * @return number added, {@code 0..count}
     * @throws NullPointerException      if {@code batch} is null, or an element that would have
     *                                   been added is null; nothing is added then
     * @throws IndexOutOfBoundsException if the range is not within {@code batch}
     */
    int offer(E[] batch, int from, int count);

    /**
     * Consumer side: takes the oldest element if one can be taken now.
     *
     * @return the element, or {@code null} if the queue is empty (for {@link #mpsc}: or its
     *         oldest slot is claimed but not yet filled)
     */
    E poll();

    /**
     * Consumer side: takes up to {@code limit} elements, oldest first, and hands each to
     * {@code consumer} on the calling thread. Returns when {@code limit} is reached or nothing
     * more can be taken now; the return value tells the caller where the batch ended.
     *
     * <p>The consumer must not call back into this queue's consumer side. It should not throw;
     * if it does, the exception propagates, the element it was handed counts as taken, and the
     * queue stays usable. For {@link #spsc} and {@link #mpsc} the elements after it stay in the
     * queue; for {@link #spmc} the rest of the run this call had claimed is discarded (the
     * slots are freed so the producer is not wedged).
     *
     * @param consumer receives each element
     * @param limit    most elements to take, {@code >= 0}
     * @return number of elements handed to {@code consumer}
     * @throws NullPointerException     if {@code consumer} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    int drain(Consumer<? super E> consumer, int limit);

    /**
     * Number of elements in the queue, approximately: exact while no other thread is using
     * the queue, otherwise some value the queue held during the call, between 0 and
     * {@link #capacity()}. For {@link #mpsc} it counts slots claimed but not yet filled.
     *
     * @return element count estimate
     */
    int size();

    /**
     * Whether the queue looks empty. Same caveats as {@link #size()}; on the consumer's own
     * thread of a single-consumer variant, {@code false} means {@code poll} will not see an
     * empty queue (for {@link #mpsc}: unless a producer has not yet filled its slot).
     *
     * @return {@code true} if no element was in the queue when looked at
     */
    boolean isEmpty();

    /**
     * Most elements this queue can hold: the requested capacity rounded up to a power of two.
     *
     * @return the capacity
     */
    int capacity();
}
