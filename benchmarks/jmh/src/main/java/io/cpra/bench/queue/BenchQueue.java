package io.cpra.bench.queue;

import io.cpra.core.engine.queue.RingQueue;
import java.util.concurrent.ArrayBlockingQueue;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The operations the queue benchmarks time, over each contender's own API: each side uses the
 * batch form its library offers (ours: array offer and drain; JCTools: {@code fill} and
 * {@code drain}; {@code ArrayBlockingQueue}: an offer loop and {@code drainTo}). One fork
 * loads one implementation, so every call site stays monomorphic.
 */
interface BenchQueue {

    boolean offer(Object e);

    Object poll();

    /** Offers {@code count} elements from the source; returns how many went in. */
    int offer(Source source, int count);

    /** Takes up to {@code limit} elements into {@code sink}; returns how many. */
    int drain(Sink sink, int limit);

    /**
     * Creates a queue.
     *
     * @param impl     {@code cpra}, {@code jctools} or {@code abq}
     * @param shape    {@code spsc}, {@code mpsc} or {@code spmc} (ignored by {@code abq}, which
     *                 takes any number of threads on either side)
     * @param capacity slots
     */
    static BenchQueue create(String impl, String shape, int capacity) {
        return switch (impl) {
            case "cpra" -> new Ours(switch (shape) {
                case "spsc" -> RingQueue.spsc(capacity);
                case "mpsc" -> RingQueue.mpsc(capacity);
                case "spmc" -> RingQueue.spmc(capacity);
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            });
            case "jctools" -> new JcTools(switch (shape) {
                case "spsc" -> new SpscArrayQueue<>(capacity);
                case "mpsc" -> new MpscArrayQueue<>(capacity);
                case "spmc" -> new SpmcArrayQueue<>(capacity);
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            });
            case "abq" -> new Abq(new ArrayBlockingQueue<>(capacity));
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
    }

    record Ours(RingQueue<Object> q) implements BenchQueue {
        @Override
        public boolean offer(Object e) {
            return q.offer(e);
        }

        @Override
        public Object poll() {
            return q.poll();
        }

        @Override
        public int offer(Source source, int count) {
            return q.offer(source.batch, 0, count);
        }

        @Override
        public int drain(Sink sink, int limit) {
            return q.drain(sink, limit);
        }
    }

    record JcTools(MessagePassingQueue<Object> q) implements BenchQueue {
        @Override
        public boolean offer(Object e) {
            return q.offer(e);
        }

        @Override
        public Object poll() {
            return q.poll();
        }

        @Override
        public int offer(Source source, int count) {
            return q.fill(source, count);
        }

        @Override
        public int drain(Sink sink, int limit) {
            return q.drain(sink, limit);
        }
    }

    record Abq(ArrayBlockingQueue<Object> q) implements BenchQueue {
        @Override
        public boolean offer(Object e) {
            return q.offer(e);
        }

        @Override
        public Object poll() {
            return q.poll();
        }

        @Override
        public int offer(Source source, int count) {
            int n = 0;
            while (n < count && q.offer(source.batch[n])) {
                n++;
            }
            return n;
        }

        @Override
        public int drain(Sink sink, int limit) {
            int n = q.drainTo(sink.scratch, limit);
            for (int i = 0; i < n; i++) {
                sink.accept(sink.scratch.get(i));
            }
            sink.scratch.clear();
            return n;
        }
    }
}
