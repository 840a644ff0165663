package io.cpra.plugins.docker;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;
import io.cpra.plugins.docker.engine.UnixHttpClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@code docker} intervention: restarts a container through the Docker Engine API on its
 * unix socket ({@code POST /containers/{name}/restart?t=<timeout>}), or starts it, or kills
 * and starts it. Its block is CPRA's {@code target}.
 *
 * <pre>{@code
 * intervention:
 *   action: docker
 *   retries: 2
 *   target:
 *     type: container
 *     container: checkout-api
 *     timeout: 20s
 * }</pre>
 */
public final class DockerPlugin implements InterventionPlugin {

    /** Where the Docker Engine listens unless {@code socket} says otherwise. */
    public static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "docker",
            "Restarts, starts or kills and starts a container through the Docker Engine API",
            ConfigKey.optional("type", ValueType.STRING, "container", "what to act on; only container is supported"),
            ConfigKey.required("container", ValueType.STRING, "the container's name or id"),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long Docker waits for the container to stop before killing it (whole seconds, rounded up)"),
            ConfigKey.optional("operation", ValueType.STRING, "restart",
                    "restart, start (when stopped), or kill_start (kill, then start)"),
            ConfigKey.optional("signal", ValueType.STRING, "SIGKILL", "the signal kill_start sends"),
            ConfigKey.optional("socket", ValueType.STRING, DEFAULT_SOCKET,
                    "the Engine's unix socket; unix:// URLs accepted; relative paths resolve against the cpra home")
                    .withRoles(KeyRole.WRITE_PATH),
            ConfigKey.optional("api_version", ValueType.STRING, null,
                    "Engine API version to pin in the path, such as 1.41; unversioned paths when absent"));

    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+)");
    private static final Pattern SIGNAL = Pattern.compile("[A-Z][A-Z0-9+]*|\\d{1,2}");

    // Few distinct sockets exist; one client each, never released, keeps monitors' instances small.
    private final Map<Path, UnixHttpClient> clients = new ConcurrentHashMap<>();

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public DockerPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Intervention prepare(PluginConfig config, PluginContext context) {
        String type = config.string("type", "container").strip();
        if (!type.equalsIgnoreCase("container")) {
            throw config.error("type", "only container targets are supported, got \"" + type + "\"");
        }
        String container = config.string("container").strip();
        if (container.startsWith("/")) {
            container = container.substring(1);
        }
        if (!CONTAINER.matcher(container).matches()) {
            throw config.error("container", "not a container name or id: \"" + config.string("container") + "\"");
        }
        Duration timeout = config.duration("timeout", Duration.ofSeconds(10));
        if (timeout.isNegative()) {
            throw config.error("timeout", "must not be negative, got " + config.string("timeout"));
        }
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        Operation operation = Operation.of(config, "operation");
        String signal = config.string("signal", "SIGKILL").strip().toUpperCase(Locale.ROOT);
        if (!SIGNAL.matcher(signal).matches()) {
            throw config.error("signal", "expected a signal name such as SIGKILL or a number, got \"" + config.string("signal") + "\"");
        }
        String prefix = "";
        if (config.has("api_version")) {
            var matcher = VERSION.matcher(config.string("api_version").strip());
            if (!matcher.matches()) {
                throw config.error("api_version", "expected a version such as 1.41, got \"" + config.string("api_version") + "\"");
            }
            prefix = "/v" + matcher.group(1);
        }
        String socketText = config.string("socket", DEFAULT_SOCKET).strip();
        if (socketText.startsWith("unix://")) {
            socketText = socketText.substring("unix://".length());
        }
        if (socketText.isEmpty()) {
            throw config.error("socket", "must name the Engine's socket file");
        }
        Path socket = context.resolve(socketText);
        UnixHttpClient client = clients.computeIfAbsent(socket, UnixHttpClient::create);
        return new DockerIntervention(client, container, operation, seconds, signal, prefix);
    }
}
