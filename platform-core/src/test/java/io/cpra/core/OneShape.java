package io.cpra.core;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one convention of every public JSON surface ({@code docs/http-api.md}, "One shape for
 * every surface"), checked by walking a document: enums lower case, durations as numbers in
 * keys ending {@code _ms}, instants to the millisecond. What a user writes keeps the manifest's
 * syntax and is not walked: a monitor's {@code definition}, and the {@code window} and
 * {@code step} an answer repeats from its query.
 */
public final class OneShape {

    /** Go-style durations as the manifest writes them: {@code 5s}, {@code 1m30s}, {@code 12ms300us}. */
    private static final Pattern GO_DURATION = Pattern.compile("-?(\\d+(\\.\\d+)?(h|m|s|ms|us|µs|ns))+");
    /** An enum constant's name as Java spells it: {@code FAILING}, {@code DEAD_LETTERED}. */
    private static final Pattern UPPER_ENUM = Pattern.compile("[A-Z][A-Z0-9]*([_ ][A-Z0-9]+)*");
    /** An ISO-8601 instant in UTC; it must then have exactly three decimals. */
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern INSTANT_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    /** Key endings that name a duration in another unit than milliseconds. */
    private static final Pattern OTHER_UNIT = Pattern.compile(".*_(ns|us|micros|nanos|s|sec|secs|seconds|minutes|hours)");
    /** Keys that hold a duration and so must say its unit. */
    private static final Set<String> BARE_DURATIONS = Set.of("latency", "lasted", "interval", "timeout", "duration",
            "elapsed", "oldest_waiting", "p50", "p99", "max");
    /** Keys whose string values are what a user wrote. */
    private static final Set<String> USER_WRITTEN = Set.of("definition", "window", "step");
    /** Keys whose string values are free text or names, not enums. */
    private static final Set<String> FREE_TEXT = Set.of("message", "cause", "summary", "name", "monitor", "group",
            "notifier", "destination", "error", "last_error", "alert_id", "action", "type", "description");

    private OneShape() {
    }

    /**
     * @param where what the document is, for the failure message
     * @param json  the document
     */
    public static void check(String where, JsonValue json) {
        List<String> faults = new ArrayList<>();
        walk("$", null, json, faults);
        assertThat(faults).as("%s breaks the one shape:%n%s", where, json).isEmpty();
    }

    /** @return every departure from the convention in a document, each with its JSON path */
    public static List<String> faults(JsonValue json) {
        List<String> faults = new ArrayList<>();
        walk("$", null, json, faults);
        return faults;
    }

    private static void walk(String path, String key, JsonValue value, List<String> faults) {
        if (key != null && USER_WRITTEN.contains(key)) {
            return;
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                for (String child : object.keySet()) {
                    if (!child.matches("[a-z][a-z0-9_]*")) {
                        faults.add(path + "." + child + ": a key not in snake_case");
                    }
                    if (OTHER_UNIT.matcher(child).matches() && !child.endsWith("_ms")) {
                        faults.add(path + "." + child + ": a duration not in milliseconds (want *_ms)");
                    }
                    if (BARE_DURATIONS.contains(child) && object.get(child).getValueType() != JsonValue.ValueType.NULL) {
                        faults.add(path + "." + child + ": a duration without its unit (want " + child + "_ms)");
                    }
                    walk(path + "." + child, child, object.get(child), faults);
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    walk(path + "[" + i + "]", key, array.get(i), faults);
                }
            }
            case STRING -> {
                String text = ((JsonString) value).getString();
                if (key != null && key.endsWith("_ms")) {
                    faults.add(path + ": a duration as a string, " + text + " (want a number)");
                } else if (GO_DURATION.matcher(text).matches() && !FREE_TEXT.contains(key)) {
                    faults.add(path + ": a Go-style duration, " + text);
                } else if (UPPER_ENUM.matcher(text).matches() && text.length() > 1 && !FREE_TEXT.contains(key)) {
                    faults.add(path + ": an upper-case enum, " + text);
                } else if (INSTANT.matcher(text).matches() && !INSTANT_MILLIS.matcher(text).matches()) {
                    faults.add(path + ": an instant not to the millisecond, " + text);
                }
            }
            default -> {
                // numbers, booleans and null carry no shape of their own
            }
        }
    }
}
