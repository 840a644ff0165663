package io.cpra.core.http;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * How values look in the API's JSON, in one place: keys in snake_case, enum constants in lower
 * case, instants in ISO-8601 UTC to the millisecond, durations as numbers of milliseconds in
 * keys ending {@code _ms}, absent values as {@code null} ({@code docs/http-api.md}, "One shape
 * for every surface"). The manifest's duration syntax ({@code 1m30s}) is kept for what a user
 * writes: query parameters, request bodies and a monitor's definition. No instances.
 */
final class Wire {

    /** One factory for every document; looking the provider up per builder is slow. */
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /**
     * The earliest instant a query or body may name: instants are stored as epoch milliseconds,
     * and {@link java.time.Instant}'s own range (a billion years) does not fit them.
     */
    static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a query or body may name; see {@link #EARLIEST}. */
    static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");
    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Wire() {
    }

    static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A duration in microseconds as milliseconds with at most three decimals, trailing zeros
     * dropped ({@code 5000}, {@code 1.25}): the {@code *_ms} convention.
     */
    static BigDecimal millis(long micros) {
        return plain(BigDecimal.valueOf(micros, 3));
    }

    /** A duration in nanoseconds as {@link #millis(long)}, rounded down to the microsecond. */
    static BigDecimal millisOfNanos(long nanos) {
        return millis(nanos / 1_000L);
    }

    /** A decimal without trailing zeros and never in exponent form ({@code 5E+3} would be valid JSON but odd). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static void instant(JsonObjectBuilder object, String key, Instant at) {
        if (at == null) {
            object.addNull(key);
        } else {
            object.add(key, instant(at));
        }
    }

    /**
     * An instant to the millisecond, always with three decimals ({@code Instant.toString} drops
     * zero fractions, so a whole second would otherwise read differently from its neighbours).
     */
    static String instant(Instant at) {
        return INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** An id where 0 means none. */
    static void id(JsonObjectBuilder object, String key, long id) {
        if (id == 0) {
            object.addNull(key);
        } else {
            object.add(key, id);
        }
    }

    static void text(JsonObjectBuilder object, String key, String text) {
        if (text == null) {
            object.addNull(key);
        } else {
            object.add(key, text);
        }
    }

    /**
     * A JSON object kept as text, such as a stored event's detail, added as an object rather
     * than as a string, so that clients read its fields without parsing twice.
     *
     * @throws jakarta.json.JsonException when the text is not one JSON object
     */
    static void object(JsonObjectBuilder object, String key, String json) {
        try (JsonReader reader = READER.createReader(new StringReader(json))) {
            object.add(key, reader.readObject());
        }
    }
}
