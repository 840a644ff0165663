package io.cpra.core.http;

import io.cpra.core.ops.Outcome;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The answers of the control plane ({@link io.cpra.core.ops.Control}) in the API's terms: a
 * change that went through yields its result, one that did not becomes the API's refusal with
 * the same status, message and key paths. No instances.
 */
final class Changes {

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
        Outcome outcome = EngineCalls.await(change, timeout);
        if (outcome.ok()) {
            return outcome;
        }
        Status status = Status.create(outcome.status());
        ApiException refusal = new ApiException(status, outcome.message(), outcome.problems().stream()
                .map(problem -> new ApiException.FieldError(problem.path(), problem.message())).toList());
        throw outcome.status() == 503 ? refusal.withHeader(HeaderNames.RETRY_AFTER, "1") : refusal;
    }
}
