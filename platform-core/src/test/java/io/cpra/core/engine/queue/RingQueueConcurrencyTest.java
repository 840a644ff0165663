package io.cpra.core.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real threads through every variant: as many producers and consumers as the variant allows,
 * a small ring so it is full and empty often and wraps thousands of times, single-element or
 * batch calls. Checks correctness only: every element arrives exactly once, and each consumer
 * sees each producer's elements in the order they were offered. A failure in any thread stops
 * all of them; the timeout only turns a hang into a failure.
 */
class RingQueueConcurrencyTest {

    private static final int ITEMS_PER_PRODUCER = 200_000;
    private static final int CAPACITY = 64;

    record Item(int producer, int seq) {
    }

    static Stream<Arguments> variantsAndModes() {
        return Stream.of(Variant.values())
                .flatMap(v -> Stream.of(Arguments.of(v, false), Arguments.of(v, true)));
    }

    @ParameterizedTest(name = "{0}, batches={1}")
    @MethodSource("variantsAndModes")
    @Timeout(120)
    void everyElementArrivesExactlyOnceAndInProducerOrder(Variant v, boolean batches) throws Exception {
        int producers = v.multiProducer ? 3 : 1;
        int consumers = v.multiConsumer ? 3 : 1;
        RingQueue<Item> q = v.create(CAPACITY);
        long total = (long) producers * ITEMS_PER_PRODUCER;
        AtomicLong taken = new AtomicLong();
        AtomicIntegerArray deliveries = new AtomicIntegerArray(producers * ITEMS_PER_PRODUCER);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        List<Thread> threads = new ArrayList<>();
        for (int id = 0; id < producers; id++) {
            int producer = id;
            threads.add(start("producer-" + id, failures, () -> produce(q, producer, batches, failures)));
        }
        for (int id = 0; id < consumers; id++) {
            int seed = id;
            threads.add(start("consumer-" + id, failures,
                    () -> consume(q, producers, seed, batches, total, taken, deliveries, failures)));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failures).isEmpty();
        assertThat(taken.get()).isEqualTo(total);
        for (int i = 0; i < deliveries.length(); i++) {
            if (deliveries.get(i) != 1) {
                throw new AssertionError("producer " + i / ITEMS_PER_PRODUCER + " item "
                        + i % ITEMS_PER_PRODUCER + " delivered " + deliveries.get(i) + " times");
            }
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
    }

    private static void produce(RingQueue<Item> q, int producer, boolean batches, Queue<Throwable> failures) {
        SplittableRandom random = new SplittableRandom(producer);
        Item[] batch = new Item[16];
        int seq = 0;
        while (seq < ITEMS_PER_PRODUCER && failures.isEmpty()) {
            if (batches) {
                int count = Math.min(1 + random.nextInt(batch.length), ITEMS_PER_PRODUCER - seq);
                for (int i = 0; i < count; i++) {
                    batch[i] = new Item(producer, seq + i);
                }
                int from = 0;
                while (from < count && failures.isEmpty()) {
                    int n = q.offer(batch, from, count - from);
                    from += n;
                    if (n == 0) {
                        Thread.yield();
                    }
                }
                seq += count;
            } else {
                Item item = new Item(producer, seq);
                while (!q.offer(item) && failures.isEmpty()) {
                    Thread.yield();
                }
                seq++;
            }
        }
    }

    private static void consume(RingQueue<Item> q, int producers, int seed, boolean batches,
                                long total, AtomicLong taken, AtomicIntegerArray deliveries,
                                Queue<Throwable> failures) {
        SplittableRandom random = new SplittableRandom(1000 + seed);
        int[] lastSeq = new int[producers];
        Arrays.fill(lastSeq, -1);
        Consumer<Item> check = item -> {
            if (item.seq() <= lastSeq[item.producer()]) {
                throw new AssertionError("out of order from producer " + item.producer() + ": "
                        + item.seq() + " after " + lastSeq[item.producer()]);
            }
            lastSeq[item.producer()] = item.seq();
            deliveries.incrementAndGet(item.producer() * ITEMS_PER_PRODUCER + item.seq());
        };
        while (taken.get() < total && failures.isEmpty()) {
            int n;
            if (batches) {
                n = q.drain(check, 1 + random.nextInt(32));
            } else {
                Item item = q.poll();
                n = item == null ? 0 : 1;
                if (item != null) {
                    check.accept(item);
                }
            }
            if (n == 0) {
                Thread.yield();
            } else {
                taken.addAndGet(n);
            }
        }
    }

    private static Thread start(String name, Queue<Throwable> failures, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
