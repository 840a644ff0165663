package io.cpra.core.http;

import io.helidon.common.parameters.Parameters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Typed values of a route's query, read one parameter at a time while every problem is
 * collected, so that one 400 names all the bad parameters rather than the first one found.
 * Call {@link #check()} after the last read. Absent and empty parameters read as {@code null}
 * (or the default). Used by one request thread.
 */
final class QueryParameters {

    private final Parameters query;
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    /**
     * @param query the query, already checked for unknown and repeated names by {@link Call#query}
     */
    QueryParameters(Parameters query) {
        this.query = query;
    }

    /** A name to match exactly; names are at most {@value Listing#MAX_FILTER_LENGTH} characters, so a longer one is a mistake. */
    String name(String parameter) {
        Optional<String> value = Call.value(query, parameter);
        if (value.isPresent() && value.get().length() > Listing.MAX_FILTER_LENGTH) {
            return refuse(parameter, "longer than " + Listing.MAX_FILTER_LENGTH + " characters");
        }
        return value.orElse(null);
    }

    /** {@code true} or {@code false}, as written; anything else is refused rather than read as false. */
    Boolean bool(String parameter) {
        return Call.value(query, parameter).map(text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> this.<Boolean>refuse(parameter, "must be true or false, got \"" + shorten(text) + "\"");
        }).orElse(null);
    }

    /** The page size, {@value Listing#DEFAULT_LIMIT} unless given, the same range as every listing of the API. */
    int limit() {
        return Call.value(query, "limit").map(text -> {
            try {
                int limit = Integer.parseInt(text);
                if (limit >= 1 && limit <= Listing.MAX_LIMIT) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // refused below, with the range
            }
            refuse("limit", "must be a whole number from 1 to " + Listing.MAX_LIMIT + ", got \"" + shorten(text) + "\"");
            return Listing.DEFAULT_LIMIT;
        }).orElse(Listing.DEFAULT_LIMIT);
    }

    /** A whole number in {@code [min, max]}, or {@code null} when absent. */
    Integer wholeNumber(String parameter, int min, int max) {
        return Call.value(query, parameter).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below, with the range
            }
            return this.<Integer>refuse(parameter, "must be a whole number from " + min + " to " + max + ", got \""
                    + shorten(text) + "\"");
        }).orElse(null);
    }

    /** An ISO-8601 instant in UTC, such as {@code 2026-01-02T03:04:05Z}. */
    Instant instant(String parameter) {
        return Call.value(query, parameter).map(text -> {
            try {
                Instant instant = Instant.parse(text);
                if (instant.isBefore(Wire.EARLIEST) || instant.isAfter(Wire.LATEST)) {
                    return this.<Instant>refuse(parameter, "out of range; an instant from " + Wire.EARLIEST + " to "
                            + Wire.LATEST + ", got \"" + shorten(text) + "\"");
                }
                return instant;
            } catch (DateTimeParseException e) {
                return this.<Instant>refuse(parameter, "not an ISO-8601 instant such as 2026-01-02T03:04:05Z, got \""
                        + shorten(text) + "\"");
            }
        }).orElse(null);
    }

    /** One of a fixed set of words, matched exactly: stored kinds are lower case, and so is every filter's value. */
    String oneOf(String parameter, Collection<String> accepted) {
        return Call.value(query, parameter).map(text -> accepted.contains(text) ? text
                : this.<String>refuse(parameter, "unknown " + parameter + " \"" + shorten(text) + "\"; expected one of "
                        + String.join(", ", accepted))).orElse(null);
    }

    /** An enum constant, such as a colour, by its lower-case name in any case; {@code fallback} when absent. */
    <E extends Enum<E>> E constant(String parameter, Class<E> type, E fallback) {
        return Call.value(query, parameter).map(text -> {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String names = Arrays.stream(type.getEnumConstants()).map(Wire::name).collect(Collectors.joining(", "));
                return this.<E>refuse(parameter, "unknown " + parameter + " \"" + shorten(text) + "\"; expected one of "
                        + names);
            }
        }).orElse(fallback);
    }

    /** Where a listing continues; opaque here, judged by whoever issued it. */
    String cursor() {
        return Call.value(query, "cursor").orElse(null);
    }

    /** Refuses a parameter that only the caller can judge, such as a cursor. */
    void reject(String parameter, String message) {
        refuse(parameter, message);
    }

    /** @throws ApiException 400 naming every parameter refused so far */
    void check() {
        if (!errors.isEmpty()) {
            throw ApiException.badParameters(errors);
        }
    }

    private <T> T refuse(String parameter, String message) {
        errors.add(new ApiException.FieldError(parameter, message));
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
