package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Runs SnakeYAML's scanner and parser on a thread of their own and hands their events to the
 * reading thread in batches. Scanning is most of a load's work, so this thread does nothing
 * else: trees, validation and the consumer stay on the reading thread, in document order. The
 * queue is bounded ({@value #BATCHES} batches of {@value #BATCH} events), so the parser never
 * runs far ahead and memory stays flat however large the manifest.
 *
 * <p>An exception from the parser (a syntax error, a limit) travels through the queue in the
 * event's place and is rethrown by {@link #get()} on the reading thread, after every event that
 * came before it. The queue's put/take order each batch's writes before its reads. Closing
 * interrupts and joins the parser thread, so no thread outlives a read.
 */
final class EventPrefetcher implements Supplier<Event>, AutoCloseable {

    static final int BATCH = 4_096;
    static final int BATCHES = 16;

    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private Object[] batch;
    private int at;
    private boolean finished;

    EventPrefetcher(Parser parser) {
        this.thread = ParserThread.start(() -> produce(parser));
    }

    /**
     * The next event, on the reading thread.
     *
     * @throws RuntimeException what the parser threw, in the place it threw it
     * @throws IllegalStateException when asked for more after the end of the stream
     */
    @Override
    public Event get() {
        if (batch == null || at == batch.length || batch[at] == null) {
            if (finished) {
                throw new IllegalStateException("no events after the end of the stream");
            }
            batch = take();
            at = 0;
        }
        Object next = batch[at++];
        if (next instanceof RuntimeException failure) {
            finished = true;
            throw failure;
        }
        Event event = (Event) next;
        if (event.getEventId() == Event.ID.StreamEnd) {
            finished = true;
        }
        return event;
    }

    @Override
    public void close() {
        ParserThread.stop(thread);
    }

    private Object[] take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    private void produce(Parser parser) {
        try {
            boolean more = true;
            while (more) {
                Object[] next = new Object[BATCH];
                int n = 0;
                while (more && n < BATCH) {
                    try {
                        Event event = parser.next();
                        next[n++] = event;
                        more = event.getEventId() != Event.ID.StreamEnd;
                    } catch (Throwable e) {
                        // whatever ends this thread must reach the reader, or it would wait forever
                        next[n++] = e instanceof RuntimeException r ? r
                                : new IllegalStateException("the YAML parser failed: " + e, e);
                        more = false;
                    }
                }
                queue.put(next);
            }
        } catch (InterruptedException e) {
            // the reading side has gone (its consumer threw, or it was interrupted): nobody is listening
        }
    }

    /** The reading thread was interrupted while it waited for events. */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("interrupted while reading the manifest", null, false, false);
        }
    }
}
