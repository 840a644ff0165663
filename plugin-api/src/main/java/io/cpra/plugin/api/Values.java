package io.cpra.plugin.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shapes of config values as YAML and JSON produce them, and how they are named in
 * errors: what {@link PluginConfig}'s accessors and its {@code check} agree on. No instances.
 */
final class Values {

    private Values() {
    }

    static boolean fits(ValueType type, Object value) {
        return switch (type) {
            case STRING -> scalarText(value).isPresent();
            case INTEGER -> wholeNumber(value).isPresent();
            case NUMBER -> decimal(value).isPresent();
            case BOOLEAN -> booleanOf(value).isPresent();
            case DURATION -> value instanceof String text && isDuration(text);
            case LIST -> value instanceof List<?> || scalarText(value).isPresent();
            case MAP -> value instanceof Map<?, ?>;
            case ANY -> true;
        };
    }

    private static boolean isDuration(String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Optional<String> scalarText(Object value) {
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        return Optional.empty();
    }

    static Optional<BigInteger> wholeNumber(Object value) {
        return decimal(value).flatMap(number -> {
            try {
                return Optional.of(number.toBigIntegerExact());
            } catch (ArithmeticException fraction) {
                return Optional.empty();
            }
        });
    }

    static Optional<BigDecimal> decimal(Object value) {
        try {
            if (value instanceof BigDecimal number) {
                return Optional.of(number);
            }
            if (value instanceof BigInteger number) {
                return Optional.of(new BigDecimal(number));
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
            }
            if (value instanceof Number number) {
                return Optional.of(BigDecimal.valueOf(number.longValue()));
            }
            if (value instanceof String text && !text.isBlank()) {
                return Optional.of(new BigDecimal(text.strip()));
            }
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<Boolean> booleanOf(Object value) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Optional.of(Boolean.TRUE);
                case "false", "no", "off" -> Optional.of(Boolean.FALSE);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    static String expectation(ValueType type) {
        return switch (type) {
            case STRING -> "a text value";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 500ms, 5s or 1h30m";
            case LIST -> "a list of values";
            case MAP -> "a map of keys and values";
            case ANY -> "a value";
        };
    }

    /** What a value is, without showing it: for secrets. */
    static String kind(Object value) {
        return switch (value) {
            case String text -> "a text (not shown: the key is secret)";
            case Map<?, ?> map -> "a map";
            case List<?> list -> "a list";
            default -> "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " (not shown: the key is secret)";
        };
    }

    static String describe(Object value) {
        if (value instanceof String text) {
            String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return "\"" + shown + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    /** A "did you mean" for an unknown key: the nearest known key within two edits, or nothing. */
    static String suggestion(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
