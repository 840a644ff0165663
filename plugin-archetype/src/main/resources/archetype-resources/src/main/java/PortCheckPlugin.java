package ${package};

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

/**
 * The {@code ${type}} pulse: healthy while a TCP port accepts connections.
 *
 * <p>cpra creates one instance of this provider (through {@code ServiceLoader}, so it needs a
 * public no-argument constructor), checks each monitor's config block against
 * {@link #descriptor()} and then calls {@link #prepare} once per monitor, possibly from
 * several threads at once. Validate everything here, so that a bad manifest fails at load
 * time with an error that names the key.
 */
public final class PortCheckPlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "${type}",
            "A TCP port accepts connections",
            ConfigKey.required("host", ValueType.STRING, "host name or address to connect to")
                    .withRoles(KeyRole.TARGET_HOST),
            ConfigKey.required("port", ValueType.INTEGER, "TCP port, 1 to 65535")
                    .withRoles(KeyRole.TARGET_PORT));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        String host = config.string("host").strip();
        if (host.isEmpty()) {
            throw config.error("host", "must name a host");
        }
        int port = config.integer("port");
        if (port < 1 || port > 65535) {
            throw config.error("port", "expected 1 to 65535, got " + port);
        }
        return new PortCheck(host, port);
    }
}
