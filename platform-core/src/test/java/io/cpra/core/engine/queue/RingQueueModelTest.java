package io.cpra.core.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * On one thread every variant must behave exactly like a bounded FIFO: random sequences of
 * single and batch offers, polls and drains are replayed against the queue and an
 * {@link ArrayDeque} capped at the same capacity, and every result and size must agree.
 */
class RingQueueModelTest {

    sealed interface Op {
    }

    record Offer() implements Op {
    }

    record OfferBatch(int from, int count) implements Op {
    }

    record Poll() implements Op {
    }

    record Drain(int limit) implements Op {
    }

    @Property(tries = 300)
    void behavesLikeABoundedFifo(@ForAll Variant variant,
                                 @ForAll @IntRange(min = 1, max = 9) int requestedCapacity,
                                 @ForAll("operations") List<Op> ops) {
        RingQueue<Integer> q = variant.create(requestedCapacity);
        int capacity = q.capacity();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        int next = 0;
        for (Op op : ops) {
            switch (op) {
                case Offer o -> {
                    boolean room = model.size() < capacity;
                    assertThat(q.offer(next)).as("%s", op).isEqualTo(room);
                    if (room) {
                        model.add(next);
                    }
                    next++;
                }
                case OfferBatch b -> {
                    Integer[] batch = new Integer[b.from() + b.count()];
                    for (int i = 0; i < b.count(); i++) {
                        batch[b.from() + i] = next + i;
                    }
                    int expected = Math.min(b.count(), capacity - model.size());
                    assertThat(q.offer(batch, b.from(), b.count())).as("%s", op).isEqualTo(expected);
                    for (int i = 0; i < expected; i++) {
                        model.add(next + i);
                    }
                    next += b.count();
                }
                case Poll p -> assertThat(q.poll()).as("%s", op).isEqualTo(model.poll());
                case Drain d -> {
                    List<Integer> got = new ArrayList<>();
                    int n = q.drain(got::add, d.limit());
                    List<Integer> expected = new ArrayList<>();
                    while (expected.size() < d.limit() && !model.isEmpty()) {
                        expected.add(model.poll());
                    }
                    assertThat(got).as("%s", op).isEqualTo(expected);
                    assertThat(n).isEqualTo(expected.size());
                }
            }
            assertThat(q.size()).isEqualTo(model.size());
            assertThat(q.isEmpty()).isEqualTo(model.isEmpty());
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Offer())),
                Tuple.of(3, Arbitraries.integers().between(0, 3).flatMap(from ->
                        Arbitraries.integers().between(0, 12).map(count -> new OfferBatch(from, count)))),
                Tuple.of(2, Arbitraries.just(new Poll())),
                Tuple.of(2, Arbitraries.integers().between(0, 12).map(Drain::new)));
        return op.list().ofMaxSize(60);
    }
}
