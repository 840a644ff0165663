package io.cpra.core.web;

import io.cpra.core.engine.MonitorView;
import io.cpra.core.engine.lifecycle.Stage;

/**
 * A monitor's state as the public sees it on a status page or a badge: a word, an icon and a
 * CSS class, never a colour alone (colour-blind readers get the word and the icon). Ordered
 * from best to worst, so a group shows its worst member.
 */
enum PublicState {
    /** Healthy. */
    OPERATIONAL("Operational", "\u2713", "up", "#2e7d32"),
    /** Paused or disabled by an operator: not checked, so nothing is known. */
    PAUSED("Paused", "\u2016", "paused", "#757575"),
    /** In a maintenance window. */
    MAINTENANCE("Maintenance", "\u25c6", "maintenance", "#546e7a"),
    /** Failing, being repaired or being verified after a repair. */
    DEGRADED("Degraded", "\u25b2", "degraded", "#b26a00"),
    /** An open incident. */
    DOWN("Down", "\u2715", "down", "#c62828"),
    /**
     * Not known here: no such monitor, a group without monitors, or a monitor that is unreachable
     * because something it depends on is down (that parent shows its own state).
     */
    UNKNOWN("Unknown", "?", "unknown", "#757575");

    final String word;
    final String icon;
    final String css;
    final String hex;

    PublicState(String word, String icon, String css, String hex) {
        this.word = word;
        this.icon = icon;
        this.css = css;
        this.hex = hex;
    }

    static PublicState of(MonitorView view) {
        if (!view.enabled() || view.paused()) {
            return view.stage() == Stage.MAINTENANCE ? MAINTENANCE : PAUSED;
        }
        return switch (view.stage()) {
            case HEALTHY -> OPERATIONAL;
            case FAILING, INTERVENING, VERIFYING -> DEGRADED;
            case INCIDENT -> DOWN;
            case MAINTENANCE -> MAINTENANCE;
            case UNREACHABLE -> UNKNOWN;
        };
    }

    /** The worse of two states; unknown counts as nothing known, so any known state beats it. */
    PublicState worse(PublicState other) {
        if (this == UNKNOWN) {
            return other;
        }
        if (other == UNKNOWN) {
            return this;
        }
        return ordinal() >= other.ordinal() ? this : other;
    }
}
