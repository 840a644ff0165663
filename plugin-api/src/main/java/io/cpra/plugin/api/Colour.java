package io.cpra.plugin.api;

import java.util.Locale;

/**
 * The five codes a monitor raises, in the colours of the original CPRA. Each carries the
 * status word, the severity and the display colour that notifiers show.
 */
public enum Colour {
    /** Degraded: the first failure of a healthy monitor. */
    YELLOW("DEGRADED", "warning", "#F2C744"),
    /** Critical: an incident is open. */
    RED("CRITICAL", "critical", "#D0021B"),
    /** An intervention succeeded; its verification has started. */
    CYAN("INTERVENTION SUCCESS", "info", "#17A2B8"),
    /** Recovered: the incident is closed. */
    GREEN("RECOVERED", "info", "#2EB67D"),
    /** The monitor is in maintenance; pulses and alerts are suppressed. */
    GRAY("MAINTENANCE", "info", "#8E8E8E");

    private final String status;
    private final String severity;
    private final String hex;

    Colour(String status, String severity, String hex) {
        this.status = status;
        this.severity = severity;
        this.hex = hex;
    }

    /**
     * The status word shown with this colour.
     *
     * @return for example {@code "DEGRADED"} for yellow
     */
    public String status() {
        return status;
    }

    /**
     * The severity of this colour, in the words PagerDuty's Events API uses.
     *
     * @return one of {@code critical}, {@code warning} and {@code info}
     */
    public String severity() {
        return severity;
    }

    /**
     * The display colour as an HTML hex string.
     *
     * @return for example {@code "#D0021B"} for red
     */
    public String hex() {
        return hex;
    }

    /**
     * The lower-case name used as a key in manifests.
     *
     * @return for example {@code "red"}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a colour by its manifest key, ignoring case.
     *
     * @param key a colour name such as {@code "red"}
     * @return the colour
     * @throws IllegalArgumentException when no colour has that name; the message lists the valid ones
     */
    public static Colour of(String key) {
        for (Colour colour : values()) {
            if (colour.name().equalsIgnoreCase(key)) {
                return colour;
            }
        }
        throw new IllegalArgumentException("unknown colour \"" + key + "\"; expected one of yellow, red, cyan, green, gray");
    }
}
