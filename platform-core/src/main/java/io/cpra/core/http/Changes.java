package io.cpra.core.http;

import io.cpra.core.ops.Outcome;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answers of the control plane ({@link io.cpra.core.ops.Control}) in the API's terms: a
 * change that went through yields its result, one that did not becomes the API's refusal with
 * the same status, message and key paths. No instances.
 */
final class Changes {

    /**
     * How long to wait, after the caller's own wait, for a change that had begun to commit: the
     * commit and the engine's apply, each far shorter. Past it, the engine is stalled and the
     * answer is EngineCalls' 503, the one case where a change may yet take effect; the monitor's
     * state tells.
     */
    static final java.time.Duration COMMITTING = java.time.Duration.ofSeconds(30);

    private Changes() {
    }

    /**
     * Waits for a change and returns its outcome when it went through.
     *
     * @param change the control plane's future
     * @return the successful outcome
     * @throws ApiException the refusal: 400 with every problem, 403, 404, 409, or 503 with {@code Retry-After}
     */
    static Outcome await(CompletableFuture<Outcome> change) throws ExecutionException {
        return await(change, EngineCalls.TIMEOUT);
    }

    /**
     * Waits as long as given for a change, such as a reload, and returns its outcome when it
     * went through.
     *
     * @param change  the control plane's future
     * @param timeout how long to wait
     * @return the successful outcome
     * @throws ApiException the refusal, as {@link #await(CompletableFuture)}
     */
    static Outcome await(CompletableFuture<Outcome> change, java.time.Duration timeout) throws ExecutionException {
        Outcome outcome = outcome(change, timeout);
        if (outcome.ok()) {
            return outcome;
        }
        Status status = Status.create(outcome.status());
        ApiException refusal = new ApiException(status, outcome.message(), outcome.problems().stream()
                .map(problem -> new ApiException.FieldError(problem.path(), problem.message())).toList());
        throw outcome.status() == 503 ? refusal.withHeader(HeaderNames.RETRY_AFTER, "1") : refusal;
    }

    /**
     * The change's outcome, telling the truth when it takes too long: a change still waiting
     * (behind others, or for a store locked from outside) is withdrawn, and then nothing was
     * changed; a change already committing cannot be withdrawn, so its real outcome is awaited.
     */
    private static Outcome outcome(CompletableFuture<Outcome> change, java.time.Duration timeout)
            throws ExecutionException {
        try {
            return change.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (change.cancel(false)) {
                throw ApiException.unavailable("not done within " + timeout.toSeconds() + " s, so withdrawn; nothing"
                        + " was changed; try again");
            }
            return EngineCalls.await(change, COMMITTING);
        } catch (CancellationException e) {
            throw ApiException.unavailable("withdrawn; nothing was changed; try again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw ApiException.unavailable("the server is stopping; nothing was changed");
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is stopping");
        }
    }
}
