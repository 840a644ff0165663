package io.cpra.core;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop with exit status 0, instead of the JVM's
 * default of running shutdown hooks and exiting with 143. Service managers and the
 * integration tests read 0 as "stopped cleanly".
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code onHangup} each time the process receives SIGHUP: the conventional "reload your
     * configuration" signal.
     *
     * @param onHangup what to run; it runs on the JVM's signal thread and should return quickly
     */
    static void onHangup(Runnable onHangup) {
        try {
            Signal.handle(new Signal("HUP"), signal -> onHangup.run());
        } catch (IllegalArgumentException unsupported) {
            // a platform without SIGHUP: reload through the API instead
        }
    }

    /**
     * Runs {@code onStop} (once) when the process is asked to terminate.
     *
     * @param onStop what to run; it runs on the JVM's signal thread
     */
    static void onTerminate(Runnable onStop) {
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public synchronized void run() {
                if (!ran) {
                    ran = true;
                    onStop.run();
                }
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> once.run());
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal: the JVM's default handling stays in place
            }
        }
    }
}
