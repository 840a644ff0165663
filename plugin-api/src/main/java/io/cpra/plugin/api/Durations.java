package io.cpra.plugin.api;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations in the syntax of Go's {@code time.ParseDuration}, which CPRA manifests use:
 * a sequence of decimal numbers, each with an optional fraction and a unit, such as
 * {@code 300ms}, {@code 1.5s}, {@code 2h45m}. Units: {@code ns}, {@code us} (or {@code µs}),
 * {@code ms}, {@code s}, {@code m}, {@code h}, and {@code d} for 24 hours. A lone {@code 0}
 * needs no unit. Thread-safe; no instances.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text such as {@code 5s} or {@code 1h30m}
     * @return the duration; negative when the text starts with {@code -}
     * @throws IllegalArgumentException when the text is not a duration; the message says why
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw invalid(text, "a number is missing");
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text, "expected a number at \"" + s.substring(start) + "\"");
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text, "\"" + s.substring(start, i) + "\" is not a number");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw invalid(text, "the unit is missing after " + number.toPlainString()
                        + " (use ns, us, ms, s, m, h or d)");
            }
            totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(nanosPer(unit, text))));
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text, "it is too long");
        }
        long nanos = totalNanos.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /**
     * Formats a duration so that {@link #parse} reads it back: {@code 1h30m}, {@code 1s500ms},
     * {@code 250us}.
     *
     * @param duration any duration
     * @return its text
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.isNegative()) {
            text.append('-');
            duration = duration.negated();
        }
        long nanos = duration.toNanosPart();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, nanos / 1_000_000, "ms");
        append(text, nanos / 1_000 % 1_000, "us");
        append(text, nanos % 1_000, "ns");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static long nanosPer(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw invalid(text, "unknown unit \"" + unit + "\" (use ns, us, ms, s, m, h or d)");
        };
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration: " + why);
    }
}
