package io.cpra.core.ops;

import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Durations;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monitor definitions as plain values and as JSON: the normalised form the API shows (every
 * alias resolved, every default filled in, the manifest's own key names), and the conversions
 * between JSON text and the maps the manifest reader validates. Pure functions.
 */
public final class Definitions {

    private Definitions() {
    }

    /**
     * A validated definition in its normalised form.
     *
     * @param d the definition
     * @return a map in manifest shape
     */
    public static Map<String, Object> normalised(MonitorDefinition d) {
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("name", d.name());
        monitor.put("enabled", d.enabled());
        monitor.put("groups", d.groups());
        if (!d.notifyGroups().isEmpty()) {
            monitor.put("notify_groups", d.notifyGroups());
        }
        if (!d.dependsOn().isEmpty()) {
            monitor.put("depends_on", d.dependsOn());
        }
        MonitorDefinition.Pulse p = d.pulse();
        Map<String, Object> pulse = new LinkedHashMap<>();
        pulse.put("type", p.type());
        pulse.put("interval", Durations.format(p.interval()));
        pulse.put("timeout", Durations.format(p.timeout()));
        pulse.put("unhealthy_threshold", p.unhealthyThreshold());
        pulse.put("healthy_threshold", p.healthyThreshold());
        pulse.put("config", p.config());
        monitor.put("pulse", pulse);
        d.intervention().ifPresent(i -> {
            Map<String, Object> intervention = new LinkedHashMap<>();
            intervention.put("action", i.type());
            intervention.put("retries", i.attempts());
            intervention.put("timeout", Durations.format(i.timeout()));
            intervention.put("backoff", Durations.format(i.backoff()));
            intervention.put("verify", i.verify());
            intervention.put(i.configKey(), i.config());
            if (!i.budgets().isEmpty()) {
                List<Map<String, Object>> budgets = new java.util.ArrayList<>();
                for (MonitorDefinition.Budget b : i.budgets()) {
                    Map<String, Object> budget = new LinkedHashMap<>();
                    if (b.group() != null) {
                        budget.put("group", b.group());
                    }
                    if (b.type() != null) {
                        budget.put("type", b.type());
                    }
                    if (b.concurrent() > 0) {
                        budget.put("concurrent", b.concurrent());
                    }
                    if (b.max() > 0) {
                        budget.put("max", b.max());
                        budget.put("per", Durations.format(b.per()));
                    }
                    budget.put("wait", Durations.format(b.maxWait()));
                    budgets.add(budget);
                }
                intervention.put("budgets", budgets);
            }
            monitor.put("intervention", intervention);
        });
        if (!d.codes().isEmpty()) {
            Map<String, Object> codes = new LinkedHashMap<>();
            for (Map.Entry<Colour, MonitorDefinition.Code> entry : d.codes().entrySet()) {
                MonitorDefinition.Code c = entry.getValue();
                Map<String, Object> code = new LinkedHashMap<>();
                code.put("dispatch", c.dispatch());
                code.put("notify", c.type());
                c.cooldown().ifPresent(cooldown -> code.put("cooldown", Durations.format(cooldown)));
                if (!c.groups().isEmpty()) {
                    code.put("groups", c.groups());
                }
                code.put("config", c.config());
                codes.put(entry.getKey().key(), code);
            }
            monitor.put("codes", codes);
        }
        return monitor;
    }

    /**
     * Plain values (maps, lists, strings, numbers, booleans, nulls) as JSON.
     *
     * @param value the value
     * @return its JSON
     */
    public static JsonValue json(Object value) {
        return switch (value) {
            case null -> JsonValue.NULL;
            case String s -> Json.createValue(s);
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case Integer i -> Json.createValue(i);
            case Long l -> Json.createValue(l);
            case java.math.BigInteger b -> Json.createValue(b);
            case java.math.BigDecimal b -> Json.createValue(b);
            case Number n -> Json.createValue(n.doubleValue());
            case Map<?, ?> map -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                map.forEach((k, v) -> object.add(String.valueOf(k), json(v)));
                yield object.build();
            }
            case List<?> list -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                list.forEach(v -> array.add(json(v)));
                yield array.build();
            }
            default -> Json.createValue(value.toString());
        };
    }

    /**
     * JSON as plain values, as the manifest reader expects them: objects as maps, arrays as
     * lists, whole numbers as Integer or Long (BigInteger beyond 64 bits), others as BigDecimal.
     *
     * @param value the JSON
     * @return its plain value
     */
    public static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(plain(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                if (n.isIntegral()) {
                    // exact: longValue() would wrap 2^64 + 1 to 1, and the validator must see the real number
                    java.math.BigInteger whole = n.bigIntegerValueExact();
                    if (whole.bitLength() >= Long.SIZE) {
                        yield whole;
                    }
                    long l = whole.longValue();
                    yield l == (int) l ? (Object) (int) l : (Object) l;
                }
                yield n.bigDecimalValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /**
     * A stored JSON object as a map.
     *
     * @param json the text
     * @return its map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(String json) {
        return (Map<String, Object>) plain(Json.createReader(new StringReader(json)).readObject());
    }
}
