/**
 * The {@code log} code: appends one line per code to a file, as text or JSON lines, safe
 * under concurrent writers and log rotation. JSON-P comes from the distribution's boot layer.
 */
module io.cpra.plugins.log {
    requires io.cpra.plugin.api;
    requires jakarta.json;

    provides io.cpra.plugin.api.CodePlugin with io.cpra.plugins.log.LogPlugin;
}
