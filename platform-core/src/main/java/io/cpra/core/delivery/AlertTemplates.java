package io.cpra.core.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Durations;

import java.time.Duration;

/**
 * The per-colour message templates of the original CPRA: each colour has a status word
 * (yellow DEGRADED, red CRITICAL, cyan INTERVENTION SUCCESS, green RECOVERED, gray MAINTENANCE),
 * a severity, a headline, a summary and a suggested action. Stateless; thread-safe.
 */
public final class AlertTemplates {

    private AlertTemplates() {
    }

    /**
     * Renders the alert for a code.
     *
     * @param facts what the engine knows
     * @return the alert to hand to notifiers
     */
    public static Alert render(CodeFacts facts) {
        Colour colour = facts.colour();
        String title = "[" + colour.status() + "] " + facts.monitor();
        return Alert.builder().id(facts.alertId()).monitor(facts.monitor()).colour(colour).title(title)
                .summary(summary(facts)).action(action(facts)).incidentId(facts.incidentId())
                .occurredAt(facts.occurredAt()).lastMessage(facts.lastMessage()).groups(facts.groups()).build();
    }

    private static String summary(CodeFacts f) {
        String cause = f.lastMessage().isEmpty() ? "" : ": " + f.lastMessage();
        return switch (f.colour()) {
            case YELLOW -> f.monitor() + " failed its " + f.pulseType() + " check" + cause;
            case RED -> f.monitor() + " is down after " + plural(f.failures(), "failed check") + cause
                    + (f.action().isEmpty() ? ""
                    : f.attempt() > 0 ? "; " + f.action() + " intervention did not restore it ("
                            + plural(f.attempt(), "attempt") + ")"
                    : "; " + f.action() + " intervention did not restore it");
            case CYAN -> f.action() + " intervention on " + f.monitor() + " succeeded (attempt " + f.attempt()
                    + " of " + f.maxAttempts() + "); verifying over the next " + plural(f.verifyPulses(), "check");
            case GREEN -> f.monitor() + " is healthy again"
                    + (f.incidentDuration().isZero() ? "" : " after " + Durations.format(roundToSeconds(f.incidentDuration())));
            case GRAY -> f.monitor() + " is in maintenance"
                    + (f.maintenanceUntil() == null ? "" : " until " + f.maintenanceUntil())
                    + "; its checks and alerts are paused";
        };
    }

    private static String action(CodeFacts f) {
        return switch (f.colour()) {
            case YELLOW -> "Keep an eye on it; cpra raises red if failures reach the threshold.";
            case RED -> f.action().isEmpty()
                    ? "Investigate now: " + f.monitor() + " needs a person."
                    : "Investigate now: automatic recovery did not help.";
            case CYAN -> "No action needed unless verification fails.";
            case GREEN -> "No action needed; review the incident timeline if it recurs.";
            case GRAY -> "End maintenance when the work is done.";
        };
    }

    private static Duration roundToSeconds(Duration d) {
        return d.toSeconds() > 0 ? Duration.ofSeconds(d.toSeconds()) : d;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
