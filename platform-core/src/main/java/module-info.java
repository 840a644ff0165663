/**
 * The cpra platform: manifest, engine, plugin host, storage and HTTP surface.
 *
 * <p>Started by {@link io.cpra.core.Main}. Plugins are not on this module's path: the plugin
 * host loads each one from the distribution's {@code plugins/} folder into a child layer.
 */
module io.cpra.core {
    // plugin API types (PluginDescriptor, ConfigException, Colour) appear in the manifest package's API
    requires transitive io.cpra.plugin.api;

    requires io.helidon.common;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.webserver;
    // InterruptableTask: a guarded connection tells Helidon when it may be interrupted at shutdown
    requires io.helidon.common.task;
    requires io.helidon.openapi;
    requires io.helidon.http.media.jsonp;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.metrics.api;
    requires io.helidon.health;
    requires io.helidon.health.checks;
    requires io.helidon.logging.jul;
    requires io.helidon.faulttolerance;
    requires io.helidon.service.registry;
    requires jakarta.json;
    requires java.logging;
    requires jdk.unsupported;
    // process CPU time and open file descriptors, for the pools' measure of local pressure
    requires java.management;
    requires jdk.management;
    requires org.snakeyaml.engine.v2;
    requires java.sql;
    requires com.zaxxer.hikari;
    // sqlite-jdbc loads a native library: the launcher adds --enable-native-access=org.xerial.sqlitejdbc
    requires org.xerial.sqlitejdbc;
    // automatic module (Automatic-Module-Name of the pgjdbc jar)
    requires org.postgresql.jdbc;

    // The plugin host looks these services up in each plugin's layer.
    uses io.cpra.plugin.api.PulsePlugin;
    uses io.cpra.plugin.api.InterventionPlugin;
    uses io.cpra.plugin.api.CodePlugin;

    exports io.cpra.core;
    exports io.cpra.core.manifest;
}
