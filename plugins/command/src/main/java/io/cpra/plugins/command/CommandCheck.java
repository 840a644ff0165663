package io.cpra.plugins.command;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One prepared {@code command} pulse: runs a program and reads its exit code and output the
 * way Nagios reads a plugin's. Immutable, so safe for concurrent calls.
 *
 * <p>The program sees {@code CPRA_MONITOR} (the monitor's name) on top of its configured
 * environment. A run that reaches the deadline is killed with its children and reported as
 * UNKNOWN; so is a program that cannot be started or that waited too long for a process slot.
 *
 * @see NagiosOutput
 */
final class CommandCheck implements PulseCheck {

    private final CommandSpec spec;
    private final String monitor;
    private final ProcessRunner runner;

    CommandCheck(CommandSpec spec, String monitor, ProcessRunner runner) {
        this.spec = spec;
        this.monitor = monitor;
        this.runner = runner;
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        int allowed = spec.retries() + 1;
        PulseOutcome outcome = attempt(deadline.share(allowed));
        int attempts = 1;
        while (!outcome.passing() && attempts < allowed && !deadline.expired()) {
            outcome = attempt(deadline.share(allowed - attempts));
            attempts++;
        }
        return attempts == 1 ? outcome
                : outcome.withMessage(outcome.message() + " (attempt " + attempts + ")");
    }


    private PulseOutcome attempt(Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before running " + spec.invocation().program());
        }
        ProcessRunner.Result result = runner.run(spec.invocation(), Map.of("CPRA_MONITOR", monitor), deadline);
        String program = spec.invocation().program();
        return switch (result.ending()) {
            case NO_SLOT -> PulseOutcome.unknown("no process slot came free before the deadline ("
                    + runner.maxConcurrent() + " commands already running; " + ProcessRunner.MAX_CONCURRENT_PROPERTY
                    + " raises the bound)");
            case NOT_STARTED -> PulseOutcome.unknown("cannot run " + program + ": " + result.error());
            case TIMED_OUT -> {
                String said = result.firstLine();
                yield PulseOutcome.unknown("timed out after " + TimeUnit.NANOSECONDS.toMillis(result.elapsedNanos())
                        + " ms; killed " + program + ProcessRunner.children(result.killed() - 1)
                        + (said.isEmpty() ? "" : " (last said: " + said + ")"));
            }
            case EXITED -> judge(result);
        };
    }

    private static PulseOutcome judge(ProcessRunner.Result result) {
        Status status = NagiosOutput.status(result.exitCode());
        NagiosOutput output = NagiosOutput.parse(result.stdout());
        String message = output.message();
        if (message.isEmpty()) {
            message = NagiosOutput.parse(result.stderr()).message();
        }
        if (message.isEmpty()) {
            message = "exit " + result.exitCode() + ", no output";
        } else if (result.exitCode() < 0 || result.exitCode() > 3) {
            message = "exit " + result.exitCode() + ": " + message;
        }
        return PulseOutcome.of(status, message).withDetail(output.perfData());
    }

    @Override
    public String toString() {
        return "CommandCheck[" + CommandLine.join(spec.invocation().argv()) + "]";
    }
}
