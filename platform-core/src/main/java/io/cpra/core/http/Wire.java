package io.cpra.core.http;

import io.cpra.plugin.api.Durations;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * How values look in the API's JSON, in one place: keys in snake_case, enum constants in lower
 * case, instants in ISO-8601 UTC to the millisecond, durations in the manifest's Go-style
 * syntax ({@code 1m30s}), absent values as {@code null}. No instances.
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

    private Wire() {
    }

    static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static String duration(Duration duration) {
        return Durations.format(duration);
    }

    static String nanos(long nanos) {
        return Durations.format(Duration.ofNanos(nanos));
    }

    /** A duration in microseconds as milliseconds with three decimals: the {@code *_ms} convention. */
    static java.math.BigDecimal millis(long micros) {
        return java.math.BigDecimal.valueOf(micros, 3);
    }

    static void instant(JsonObjectBuilder object, String key, Instant at) {
        if (at == null) {
            object.addNull(key);
        } else {
            object.add(key, at.truncatedTo(ChronoUnit.MILLIS).toString());
        }
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
