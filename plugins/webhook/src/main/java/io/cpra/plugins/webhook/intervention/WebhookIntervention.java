package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.HttpTarget;
import io.helidon.faulttolerance.Retry;
import io.helidon.faulttolerance.RetryTimeoutException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * One prepared {@code webhook} intervention, shared by monitors with equal blocks. Each
 * {@link #intervene} builds a Helidon {@link Retry} bound to that call's deadline: interventions
 * are rare, so the few objects that costs are cheaper than keeping per-deadline state around.
 * Immutable apart from the registry's reference count; safe for concurrent calls.
 */
final class WebhookIntervention implements Intervention {

    /**
     * A prepared block.
     *
     * @param target      URL, method, headers, per-call timeout
     * @param contentType the body's media type
     * @param body        the body template, or null for GET and DELETE
     * @param expected    statuses that mean success
     * @param attempts    calls at most per intervene
     * @param backoff     delay before the second call
     * @param backoffMax  longest delay
     */
    record Settings(HttpTarget target, String contentType, BodyTemplate body, StatusSet expected, int attempts,
                    Duration backoff, Duration backoffMax) {
    }

    private final Settings settings;
    private final HttpSender sender;
    private final DoubleSupplier random;
    private final SharedInstances<Settings, WebhookIntervention> owner;

    WebhookIntervention(Settings settings, HttpSender sender, DoubleSupplier random, SharedInstances<Settings, WebhookIntervention> owner) {
        this.settings = settings;
        this.sender = sender;
        this.random = random;
        this.owner = owner;
    }

    @Override
    public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) throws InterruptedException {
        byte[] body = settings.body() == null ? null : settings.body().render(request).getBytes(StandardCharsets.UTF_8);
        AtomicInteger calls = new AtomicInteger();
        Retry retry = Retry.builder()
                .retryPolicy(new Backoff(settings.attempts(), settings.backoff(), settings.backoffMax(), deadline, random))
                .overallTimeout(deadline.remaining())
                .applyOn(Set.of(Transient.class))
                .build();
        try {
            return retry.invoke(() -> call(body, deadline, calls));
        } catch (Transient failure) {
            return InterventionOutcome.failed(failure.getMessage() + " " + stopped(calls.get(), deadline));
        } catch (RetryTimeoutException timeout) {
            return InterventionOutcome.failed(lastMessage(timeout) + " " + stopped(calls.get(), deadline));
        } catch (RuntimeException e) {
            InterruptedException interrupted = interruption(e);
            if (interrupted != null) {
                throw interrupted;
            }
            throw e;
        }
    }

    private InterventionOutcome call(byte[] body, Deadline deadline, AtomicInteger calls) {
        int call = calls.incrementAndGet();
        HttpSender.Reply reply;
        try {
            reply = sender.exchange(settings.target(), settings.contentType(), Map.of(), body, deadline);
        } catch (IOException e) {
            throw new Transient(e.getMessage());
        } catch (InterruptedException e) {
            throw new Interrupted(e);
        }
        String where = settings.target().method() + " " + settings.target().withoutSecrets();
        if (settings.expected().contains(reply.status())) {
            return InterventionOutcome.succeeded(where + " answered " + reply.describe()
                    + (call > 1 ? " on call " + call : ""));
        }
        int status = reply.status();
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new Transient(where + " answered " + reply.describe());
        }
        return InterventionOutcome.failed(where + " answered " + reply.describe() + ", expected " + settings.expected());
    }

    private String stopped(int calls, Deadline deadline) {
        if (calls >= settings.attempts()) {
            return "(gave up after " + calls + (calls == 1 ? " call)" : " calls)");
        }
        return "(stopped after " + calls + (calls == 1 ? " call" : " calls")
                + ": another would not finish before the deadline, " + deadline.remaining().toMillis() + " ms left)";
    }

    private static String lastMessage(Throwable timeout) {
        return timeout.getCause() instanceof Transient failure ? failure.getMessage() : timeout.getMessage();
    }

    private static InterruptedException interruption(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException interrupted) {
                return interrupted;
            }
        }
        return null;
    }

    @Override
    public void close() {
        owner.release(settings);
    }

    @Override
    public String toString() {
        return "webhook intervention " + settings.target().method() + " " + settings.target().withoutSecrets();
    }

    /** A call failed in a way another call may fix; the only failure Retry retries. */
    private static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Transient(String message) {
            super(message, null, false, false);
        }
    }

    /** Carries an interruption through Retry, which takes suppliers without checked exceptions. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(InterruptedException cause) {
            super(cause);
        }
    }
}
