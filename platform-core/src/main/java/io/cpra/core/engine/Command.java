package io.cpra.core.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Something the engine thread does for another thread: change the monitor set, or read it.
 * Reads are commands too, answered within one tick, so no lock guards a row.
 */
interface Command {

    /** Runs on the engine thread. */
    void run(EngineLoop loop);

    /** The command threw: fail its caller's future. */
    void fail(Throwable error);

    /**
     * A command computing a value from the engine's world, answered through a future.
     *
     * @param body  what to compute, on the engine thread
     * @param reply completed with the value, or exceptionally
     * @param <T>   the value's type
     * @return the command
     */
    static <T> Command of(Function<EngineLoop, T> body, CompletableFuture<T> reply) {
        return new Command() {
            @Override
            public void run(EngineLoop loop) {
                reply.complete(body.apply(loop));
            }

            @Override
            public void fail(Throwable error) {
                reply.completeExceptionally(error);
            }
        };
    }
}
