package io.cpra.core.engine.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The little language of the table tests.
 *
 * <p>Policy: space-separated {@code key=value} with durations in seconds: {@code u} and
 * {@code h} (thresholds), {@code m} (an intervention with that many attempts), {@code base} and
 * {@code cap} (retry backoff), {@code v} (verification pulses), {@code cd.<colour>} (cooldown);
 * {@code -} for the defaults.
 *
 * <p>Inputs: {@code P} pass, {@code F} fail, {@code S} attempt succeeded, {@code X} attempt
 * failed, {@code T} attempt timed out, {@code R} retry due, {@code M} enter maintenance,
 * {@code L} leave maintenance, {@code D} parent down (bad news while a parent is down),
 * {@code U} parent recovered, {@code H} attempt held by its budget; each one second after the previous. {@code +Ns} moves the clock
 * N more seconds.
 */
final class Script {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private Script() {
    }

    static Policy policy(String spec) {
        Policy.Builder builder = Policy.builder();
        long base = Policy.DEFAULT_RETRY_BASE_DELAY_NANOS;
        long cap = Policy.DEFAULT_RETRY_MAX_DELAY_NANOS;
        for (String token : words(spec)) {
            String[] pair = token.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("policy token without '=': " + token);
            }
            int value = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "u" -> builder.unhealthyThreshold(value);
                case "h" -> builder.healthyThreshold(value);
                case "m" -> builder.intervention(value);
                case "v" -> builder.verificationPulses(value);
                case "base" -> base = value * SECOND;
                case "cap" -> cap = value * SECOND;
                default -> {
                    if (!pair[0].startsWith("cd.")) {
                        throw new IllegalArgumentException("unknown policy key " + pair[0]);
                    }
                    Code colour = Code.valueOf(pair[0].substring(3).toUpperCase(Locale.ROOT));
                    builder.cooldownNanos(colour, value * SECOND);
                }
            }
        }
        return builder.retryBackoff(base, cap).build();
    }

    static Runner run(Policy policy, String inputs, long start) {
        Runner runner = new Runner(policy, start);
        for (String token : words(inputs)) {
            if (token.startsWith("+")) {
                runner.advance(Long.parseLong(token.substring(1, token.length() - 1)) * SECOND);
                continue;
            }
            runner.advance(SECOND);
            runner.apply(input(token));
        }
        return runner;
    }

    static Input input(String token) {
        return switch (token) {
            case "P" -> Input.PULSE_PASSED;
            case "F" -> Input.PULSE_FAILED;
            case "S" -> Input.ATTEMPT_SUCCEEDED;
            case "X" -> Input.ATTEMPT_FAILED;
            case "T" -> Input.ATTEMPT_TIMED_OUT;
            case "R" -> Input.RETRY_DUE;
            case "M" -> Input.MAINTENANCE_ENTERED;
            case "L" -> Input.MAINTENANCE_LEFT;
            case "D" -> Input.PARENT_DOWN;
            case "U" -> Input.PARENT_RECOVERED;
            case "H" -> Input.ATTEMPT_HELD;
            case "Q" -> Input.MAINTENANCE_LEFT_PAUSED;
            default -> throw new IllegalArgumentException("unknown input " + token);
        };
    }

    /** The last step's actions in the words of the table: open, close, start:k, schedule:k@Ns, recheck, stage, ignored. */
    static List<String> actionWords(Observed step) {
        List<String> words = new ArrayList<>();
        for (Action action : step.actions()) {
            words.add(switch (action) {
                case OPEN_INCIDENT -> "open";
                case CLOSE_INCIDENT -> "close";
                case START_ATTEMPT -> "start:" + step.attempt();
                case SCHEDULE_ATTEMPT -> "schedule:" + step.attempt() + "@" + step.delayNanos() / SECOND + "s";
                case RECHECK -> "recheck";
                case STAGE_CHANGED -> "stage";
                case IGNORED -> "ignored";
            });
        }
        return words;
    }

    /** Words of a table cell; {@code -} or nothing is the empty list. */
    static List<String> words(String cell) {
        if (cell == null || cell.isBlank() || cell.strip().equals("-")) {
            return List.of();
        }
        return List.of(cell.strip().split("\\s+"));
    }
}
