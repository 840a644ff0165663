package io.cpra.core.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the engine's answer to a command on the request's (virtual) thread. The engine
 * answers within a tick; when it cannot take the command or does not answer in time, the caller
 * gets 503 with {@code Retry-After} rather than a hung connection. No instances.
 */
final class EngineCalls {

    /** Far longer than a tick; only a stalled engine takes this long. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EngineCalls() {
    }

    /**
     * The command's answer.
     *
     * @param reply the engine's future
     * @param <T>   the answer's type
     * @return the answer
     * @throws ApiException 503 when the engine is busy, stopped or too slow
     */
    static <T> T await(CompletableFuture<T> reply) throws ExecutionException {
        return await(reply, TIMEOUT);
    }

    /**
     * The answer to a call that may take longer than a tick, such as reading a whole manifest.
     *
     * @param reply   the future
     * @param timeout how long to wait
     * @param <T>     the answer's type
     * @return the answer
     * @throws ApiException 503 when the engine is busy, stopped or too slow
     */
    static <T> T await(CompletableFuture<T> reply, Duration timeout) throws ExecutionException {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw ApiException.unavailable("the engine is busy; try again");
            }
            throw e;
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw ApiException.unavailable("no answer within " + timeout.toSeconds() + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is stopping");
        }
    }
}
