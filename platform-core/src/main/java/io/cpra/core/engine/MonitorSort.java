package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;

import java.util.Comparator;

/**
 * The order of a sorted monitor listing, and where its next page starts. Keys compare by
 * {@link Key#number()}, then {@link Key#text()}, then the name, which is unique, so the order
 * is total and a page can continue strictly after the last key of the previous one. Immutable.
 *
 * @param field      what to sort by
 * @param descending whether the order is reversed (the name tie-break too)
 * @param after      the last key of the previous page, or {@code null} for the first page
 */
public record MonitorSort(Field field, boolean descending, Key after) {

    /** What a listing can be sorted by. */
    public enum Field {
        /** The name. */
        NAME,
        /** The colour the stage shows, by severity: green, gray, cyan, yellow, red. */
        COLOUR,
        /** The lifecycle stage, in lifecycle order: healthy, failing, intervening, verifying, incident, maintenance. */
        STAGE,
        /** When the last check started; never-checked monitors first. */
        LAST_CHECK,
        /** The pulse plugin's type. */
        TYPE
    }

    /**
     * One monitor's place in the order.
     *
     * @param number the numeric part (colour rank, stage, last start in the engine's clock), 0 when unused
     * @param text   the textual part (the type), "" when unused
     * @param name   the monitor's name
     */
    public record Key(long number, String text, String name) {
    }

    private static final Comparator<Key> ASCENDING = Comparator.comparingLong(Key::number)
            .thenComparing(Key::text).thenComparing(Key::name);

    /**
     * Compares two keys in this order.
     *
     * @param a one key
     * @param b another
     * @return negative when {@code a} comes first
     */
    public int compare(Key a, Key b) {
        int ascending = ASCENDING.compare(a, b);
        return descending ? -ascending : ascending;
    }

    /** Whether a row's key, given by parts, comes strictly after {@link #after()}; true on the first page. */
    boolean isAfterCursor(long number, String text, String name) {
        if (after == null) {
            return true;
        }
        return compare(number, text, name, after) > 0;
    }

    /** Compares a row's key, given by parts so that rows never beaten need no key object, with a key. */
    int compare(long number, String text, String name, Key key) {
        int c = Long.compare(number, key.number());
        if (c == 0) {
            c = text.compareTo(key.text());
        }
        if (c == 0) {
            c = name.compareTo(key.name());
        }
        return descending ? -c : c;
    }

    /** The severity rank of a colour: the healthiest first. */
    static long colourRank(Code colour) {
        return switch (colour) {
            case GREEN -> 0;
            case GRAY -> 1;
            case CYAN -> 2;
            case YELLOW -> 3;
            case RED -> 4;
        };
    }

    /** The numeric part of a key for this field. */
    long number(Stage stage, long lastStartNanos) {
        return switch (field) {
            case COLOUR -> colourRank(stage.colour());
            case STAGE -> stage.ordinal();
            case LAST_CHECK -> lastStartNanos;
            case NAME, TYPE -> 0;
        };
    }

    /** The textual part of a key for this field. */
    String text(String pulseType) {
        return field == Field.TYPE ? pulseType : "";
    }
}
