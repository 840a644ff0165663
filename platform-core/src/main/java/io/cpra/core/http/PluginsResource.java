package io.cpra.core.http;

import io.cpra.core.plugin.PluginEntry;
import io.cpra.core.plugin.PluginFailure;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.plugin.api.ConfigKey;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/plugins}: the plugin registry — every loaded type with its family,
 * description, module, version, location and accepted config keys, and every plugin that
 * failed to load. The registry is immutable, so the document is built once.
 */
final class PluginsResource {

    static final String PATH = ApiRouting.PREFIX + "/plugins";

    private final JsonObject document;

    PluginsResource(PluginRegistry registry, Path home) {
        this.document = document(registry, home);
    }

    List<Route> routes() {
        return List.of(new Route(Method.GET, PATH, this::list));
    }

    private void list(Call call) {
        call.query(Set.of());
        call.reply(Status.OK_200, document);
    }

    static JsonObject document(PluginRegistry registry, Path home) {
        JsonArrayBuilder plugins = Wire.JSON.createArrayBuilder();
        for (PluginEntry entry : registry.entries()) {
            plugins.add(Wire.JSON.createObjectBuilder()
                    .add("family", entry.family().label())
                    .add("type", entry.type())
                    .add("description", entry.descriptor().description())
                    .add("module", entry.module())
                    .add("version", entry.version())
                    .add("location", shown(entry.location(), home))
                    .add("keys", keys(entry.descriptor().keys())));
        }
        JsonArrayBuilder failures = Wire.JSON.createArrayBuilder();
        for (PluginFailure failure : registry.failures()) {
            failures.add(Wire.JSON.createObjectBuilder()
                    .add("location", shown(failure.location(), home))
                    .add("error", failure.message()));
        }
        return Wire.JSON.createObjectBuilder().add("plugins", plugins).add("failures", failures).build();
    }

    private static JsonArrayBuilder keys(List<ConfigKey> keys) {
        JsonArrayBuilder array = Wire.JSON.createArrayBuilder();
        for (ConfigKey key : keys) {
            JsonObjectBuilder object = Wire.JSON.createObjectBuilder()
                    .add("name", key.name())
                    .add("type", key.type().name().toLowerCase(Locale.ROOT))
                    .add("required", key.required())
                    .add("description", key.description());
            if (key.defaultValue() != null) {
                object.add("default", key.defaultValue());
            }
            if (!key.roles().isEmpty()) {
                // secret, read_path, write_path, target_url, target_host, target_port
                JsonArrayBuilder roles = Wire.JSON.createArrayBuilder();
                key.roles().forEach(role -> roles.add(role.name().toLowerCase(Locale.ROOT)));
                object.add("roles", roles);
            }
            if (!key.children().isEmpty()) {
                object.add("keys", keys(key.children()));
            }
            array.add(object);
        }
        return array;
    }

    /** Locations inside the home are shown relative to it, as users wrote them. */
    static String shown(Path location, Path home) {
        Path absolute = location.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }
}
