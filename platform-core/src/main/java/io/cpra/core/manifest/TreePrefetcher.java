package io.cpra.core.manifest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a whole {@link ManifestParser} (events and the trees built from them) on a thread of its
 * own and hands its items to the reading thread, which validates them and calls the consumer.
 * Used for texts read by {@link FastEvents}: their events are cheap, so splitting after the
 * events (as {@link EventPrefetcher} does for SnakeYAML) would leave the reading thread with
 * most of the work; splitting after the trees gives each thread about half.
 *
 * <p>The parser thread owns the parser and its tree builder, anchors included. A tree is never
 * changed after it is handed on: the parser thread only reads an earlier tree again (an alias,
 * a merge key), and the lazily built plain forms of nodes are built on the reading thread only.
 * The queue's put/take order each batch's writes before its reads. The queue is bounded
 * ({@value #BATCHES} batches of {@value #BATCH} items), so memory stays flat. Anything the
 * parser thread throws is rethrown on the reading thread in its place. Closing interrupts and
 * joins the parser thread, so no thread outlives a read.
 */
final class TreePrefetcher implements AutoCloseable {

    static final int BATCH = 32;
    static final int BATCHES = 32;

    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;

    TreePrefetcher(ManifestParser parser) {
        this.thread = ParserThread.start(() -> produce(parser));
    }

    /**
     * Hands every item to {@code sink} on the calling thread, up to and including the end.
     *
     * @throws EventPrefetcher.Interrupted when the calling thread is interrupted while it waits
     * @throws RuntimeException what the parser thread threw, after every item that came before it
     */
    void drain(Consumer<Parsed> sink) {
        while (true) {
            Object[] batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPrefetcher.Interrupted();
            }
            for (Object next : batch) {
                if (next == null) {
                    break;
                }
                if (next instanceof RuntimeException failure) {
                    throw failure;
                }
                Parsed item = (Parsed) next;
                sink.accept(item);
                if (item instanceof Parsed.End) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        ParserThread.stop(thread);
    }

    private void produce(ManifestParser parser) {
        Batcher batcher = new Batcher();
        try {
            parser.run(batcher);
        } catch (Stopped e) {
            // the reading side has gone (its consumer threw, or it was interrupted): nobody is listening
        } catch (Throwable e) {
            // whatever ends this thread must reach the reader, or it would wait forever
            try {
                batcher.fail(e instanceof RuntimeException r ? r
                        : new IllegalStateException("the manifest parser failed: " + e, e));
            } catch (Stopped stopped) {
                // nobody is listening
            }
        }
    }

    /** Collects items into batches on the parser thread. */
    private final class Batcher implements Consumer<Parsed> {
        private Object[] batch = new Object[BATCH];
        private int n;

        @Override
        public void accept(Parsed item) {
            batch[n++] = item;
            if (n == BATCH || item instanceof Parsed.End) {
                flush();
            }
        }

        void fail(RuntimeException e) {
            if (n == BATCH) {
                flush();
            }
            batch[n++] = e;
            flush();
        }

        private void flush() {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                throw new Stopped();
            }
            batch = new Object[BATCH];
            n = 0;
        }
    }

    /** The parser thread was told to stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the manifest read was abandoned", null, false, false);
        }
    }
}
