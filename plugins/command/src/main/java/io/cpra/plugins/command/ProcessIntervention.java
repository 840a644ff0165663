package io.cpra.plugins.command;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A prepared {@code command} or {@code script} intervention: runs a program once per attempt;
 * exit 0 is success. Immutable, so safe for concurrent calls.
 *
 * <p>The program sees the attempt in its environment: {@code CPRA_MONITOR},
 * {@code CPRA_ATTEMPT}, {@code CPRA_MAX_ATTEMPTS}, {@code CPRA_LAST_ERROR} (the failing
 * pulse's message) and {@code CPRA_INCIDENT_ID} (empty when no incident is open). It runs
 * until it exits, the configured {@code timeout} passes or the platform's deadline does,
 * whichever comes first; then its process tree is killed. Standard output and error, up to
 * {@link #OUTPUT_LIMIT} bytes, are kept as the outcome's output.
 */
final class ProcessIntervention implements Intervention {

    /** The most output kept with an outcome. */
    static final int OUTPUT_LIMIT = ProcessRunner.OUTPUT_LIMIT;

    private final Invocation invocation;
    private final Duration timeout;
    private final ProcessRunner runner;

    ProcessIntervention(Invocation invocation, Duration timeout, ProcessRunner runner) {
        this.invocation = invocation;
        this.timeout = timeout;
        this.runner = runner;
    }

    Invocation invocation() {
        return invocation;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before running " + invocation.program());
        }
        Deadline bounded = deadline;
        if (timeout != null) {
            Deadline own = Deadline.after(timeout);
            bounded = own.nanoTime() - deadline.nanoTime() < 0 ? own : deadline;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CPRA_MONITOR", request.monitor());
        env.put("CPRA_ATTEMPT", String.valueOf(request.attempt()));
        env.put("CPRA_MAX_ATTEMPTS", String.valueOf(request.maxAttempts()));
        env.put("CPRA_LAST_ERROR", request.lastError());
        env.put("CPRA_INCIDENT_ID", request.incidentId());
        ProcessRunner.Result result = runner.run(invocation, env, bounded);
        String program = invocation.program();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(result.elapsedNanos());
        String said = result.firstLine().isEmpty() ? "" : ": " + result.firstLine();
        return switch (result.ending()) {
            case NO_SLOT -> InterventionOutcome.failed("no process slot came free before the deadline ("
                    + runner.maxConcurrent() + " commands already running)");
            case NOT_STARTED -> InterventionOutcome.failed("cannot run " + program + ": " + result.error());
            case TIMED_OUT -> InterventionOutcome.failed(program + " timed out after " + elapsedMs + " ms; killed it"
                    + ProcessRunner.children(result.killed() - 1))
                    .withOutput(output(result));
            case EXITED -> InterventionOutcome.of(result.exitCode() == 0,
                    program + " exited " + result.exitCode() + " in " + elapsedMs + " ms" + said).withOutput(output(result));
        };
    }

    /** Standard output, then standard error under a marker, cut at {@link #OUTPUT_LIMIT} characters. */
    private static String output(ProcessRunner.Result result) {
        StringBuilder output = new StringBuilder(result.stdout());
        if (!result.stderr().isEmpty()) {
            if (output.length() > 0 && output.charAt(output.length() - 1) != '\n') {
                output.append('\n');
            }
            output.append("[stderr]\n").append(result.stderr());
        }
        return output.length() <= OUTPUT_LIMIT ? output.toString() : output.substring(0, OUTPUT_LIMIT);
    }

    @Override
    public String toString() {
        return "ProcessIntervention[" + CommandLine.join(invocation.argv()) + "]";
    }
}
