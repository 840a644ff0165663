package io.cpra.core.manifest;

/**
 * The thread a prefetcher runs its parsing on: started with the read, stopped and joined when
 * the read ends, so no thread outlives a read. Shared by {@link EventPrefetcher} (SnakeYAML's
 * events) and {@link TreePrefetcher} (the fast scanner's trees). No instances.
 */
final class ParserThread {

    private ParserThread() {
    }

    static Thread start(Runnable work) {
        return Thread.ofPlatform().name("cpra-manifest-parser").daemon().start(work);
    }

    /**
     * Interrupts the thread and waits for it to end. An interrupt of the caller while it waits
     * is kept for after the join, since leaving the thread running would break the promise.
     */
    static void stop(Thread thread) {
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
}
