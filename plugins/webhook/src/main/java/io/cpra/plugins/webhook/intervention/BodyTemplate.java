package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import jakarta.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body with placeholders for the attempt's fields, compiled once at load time:
 * {@code ${monitor}}, {@code ${last_error}}, {@code ${attempt}}, {@code ${max_attempts}} and
 * {@code ${incident_id}}. Values are escaped for the body's media type: as JSON string content
 * for {@code *json} (the template writes the quotes), URL-encoded for form bodies, as they are
 * otherwise. {@code $$} writes a literal {@code $}. Immutable, with value equality.
 */
final class BodyTemplate {

    /** The body sent when a config names none: every field, as JSON. */
    static final String DEFAULT_JSON = "{\"monitor\":\"${monitor}\",\"attempt\":${attempt},"
            + "\"max_attempts\":${max_attempts},\"last_error\":\"${last_error}\",\"incident_id\":\"${incident_id}\"}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}|\\$\\$");
    private static final Map<String, Function<InterventionRequest, String>> FIELDS = Map.of(
            "monitor", InterventionRequest::monitor,
            "last_error", InterventionRequest::lastError,
            "attempt", request -> Integer.toString(request.attempt()),
            "max_attempts", request -> Integer.toString(request.maxAttempts()),
            "incident_id", InterventionRequest::incidentId);

    enum Escape {
        JSON, FORM, NONE;

        static Escape forMediaType(String contentType) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.contains("json")) {
                return JSON;
            }
            return type.startsWith("application/x-www-form-urlencoded") ? FORM : NONE;
        }

        String apply(String value) {
            return switch (this) {
                case JSON -> {
                    String quoted = Json.createValue(value).toString();
                    yield quoted.substring(1, quoted.length() - 1);
                }
                case FORM -> URLEncoder.encode(value, StandardCharsets.UTF_8);
                case NONE -> value;
            };
        }
    }

    // literal text and field names alternate: parts[0] literal, parts[1] field, parts[2] literal, ...
    private final List<String> parts;
    private final Escape escape;

    private BodyTemplate(List<String> parts, Escape escape) {
        this.parts = parts;
        this.escape = escape;
    }

    /**
     * Compiles a template.
     *
     * @param config      the block, for errors
     * @param key         the key the template came from
     * @param text        the template
     * @param contentType the body's media type, which decides the escaping
     * @return the template
     * @throws io.cpra.plugin.api.ConfigException naming the key when a placeholder is unknown
     */
    static BodyTemplate compile(PluginConfig config, String key, String text, String contentType) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int at = 0;
        while (matcher.find()) {
            literal.append(text, at, matcher.start());
            at = matcher.end();
            if (matcher.group(1) == null) {
                literal.append('$');
                continue;
            }
            String field = matcher.group(1).strip();
            if (!FIELDS.containsKey(field)) {
                throw config.error(key, "unknown placeholder ${" + field + "}; known: ${monitor}, ${last_error}, "
                        + "${attempt}, ${max_attempts}, ${incident_id}");
            }
            parts.add(literal.toString());
            parts.add(field);
            literal.setLength(0);
        }
        literal.append(text, at, text.length());
        parts.add(literal.toString());
        return new BodyTemplate(List.copyOf(parts), Escape.forMediaType(contentType));
    }

    String render(InterventionRequest request) {
        StringBuilder body = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i += 2) {
            body.append(escape.apply(FIELDS.get(parts.get(i)).apply(request))).append(parts.get(i + 1));
        }
        return body.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BodyTemplate that && parts.equals(that.parts) && escape == that.escape;
    }

    @Override
    public int hashCode() {
        return parts.hashCode() * 31 + escape.hashCode();
    }
}
