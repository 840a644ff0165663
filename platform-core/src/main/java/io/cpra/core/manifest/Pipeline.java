package io.cpra.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs the parser on its own thread and hands its items to the caller's thread in batches, so
 * parsing (the slow part) overlaps validation and the consumer. The queue is bounded, so the
 * parser never runs more than {@value #BATCHES} batches of {@value #BATCH} monitors ahead and
 * memory stays flat however large the manifest.
 *
 * <p>The parser thread publishes each batch through the blocking queue, whose put/take give the
 * happens-before edge that makes the trees it built visible to the caller's thread. Closing
 * interrupts and joins the parser thread, so no thread outlives a read.
 */
final class Pipeline implements AutoCloseable {

    static final int BATCH = 256;
    static final int BATCHES = 16;

    private final BlockingQueue<List<Parsed>> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private final String source;

    Pipeline(ManifestParser parser, String source) {
        this.source = source;
        this.thread = Thread.ofPlatform().name("cpra-manifest-parser").daemon().unstarted(() -> produce(parser));
    }

    void start() {
        thread.start();
    }

    /** Hands every item to {@code sink} on the calling thread, up to and including the end. */
    void drain(Consumer<Parsed> sink) throws InterruptedException {
        while (true) {
            List<Parsed> batch = queue.take();
            for (Parsed item : batch) {
                sink.accept(item);
                if (item instanceof Parsed.End) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void produce(ManifestParser parser) {
        List<Parsed> batch = new ArrayList<>(BATCH);
        try {
            parser.run(item -> {
                batch.add(item);
                if (batch.size() == BATCH || item instanceof Parsed.End) {
                    put(List.copyOf(batch));
                    batch.clear();
                }
            });
        } catch (Stopped stopped) {
            // the reader gave up (its consumer threw, or it was interrupted): nobody is listening
        } catch (RuntimeException | Error e) {
            queue.clear();
            queue.offer(List.of(new Parsed.End(new ManifestError(new ManifestPosition(source, 0, 0), "", "",
                    "internal error while parsing: " + e))));
        }
    }

    private void put(List<Parsed> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    /** Unwinds the parser thread when the reading side has gone. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
