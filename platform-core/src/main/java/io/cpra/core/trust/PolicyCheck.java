package io.cpra.core.trust;

import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds an API monitor to the {@link ApiPolicy}, before any plugin sees its config: plugin
 * types first, then every key by the role its plugin's descriptor declares ({@link KeyRole}),
 * so bundled and third-party plugins are policed alike. Because no plugin has prepared
 * anything yet, a refused monitor creates no folder, opens no file and tells nothing about
 * whether a path exists. Thread-safe; host names are resolved on the calling thread.
 */
public final class PolicyCheck {

    /**
     * One reason a monitor is refused.
     *
     * @param path   the key path, such as {@code codes.red.config.file}
     * @param reason what the policy forbids, naming the setting that says so
     */
    public record Refusal(String path, String reason) {

        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /** The names of the server's own log files (Main's handler writes {@code cpra.%g.log}). */
    private static final java.util.regex.Pattern OWN_LOG = java.util.regex.Pattern.compile("cpra\\.\\d+\\.log(\\.lck)?");

    private final ApiPolicy policy;
    private final PluginCatalog catalog;
    private final Confinement writes;
    private final Confinement reads;
    private final Targets targets;

    private PolicyCheck(ApiPolicy policy, PluginCatalog catalog, Path home, Targets.Resolver resolver) {
        this.policy = policy;
        this.catalog = catalog;
        // the server's own files: configuration, the manifest's folder and the state
        List<Path> never = List.of(Path.of("conf"), Path.of("data"), Path.of("bin"), Path.of("lib"), Path.of("plugins"));
        this.writes = new Confinement(home, policy.writePaths(), never, "cpra.api.policy.write-paths");
        this.reads = new Confinement(home, policy.readPaths(), List.of(Path.of("data")), "cpra.api.policy.read-paths");
        this.targets = new Targets(policy, resolver);
    }

    /**
     * A check with the system's resolver.
     *
     * @param policy  the policy
     * @param catalog the installed plugins' descriptors
     * @param home    the cpra home, which relative paths resolve against
     * @return the check
     */
    public static PolicyCheck create(ApiPolicy policy, PluginCatalog catalog, Path home) {
        return new PolicyCheck(policy, catalog, home, Targets.SYSTEM);
    }

    static PolicyCheck create(ApiPolicy policy, PluginCatalog catalog, Path home, Targets.Resolver resolver) {
        return new PolicyCheck(policy, catalog, home, resolver);
    }

    /**
     * The policy checked against.
     *
     * @return the policy
     */
    public ApiPolicy policy() {
        return policy;
    }

    /**
     * Every reason the policy refuses a monitor.
     *
     * @param definition a validated definition
     * @return the refusals, in block order; empty when the monitor may run
     */
    public List<Refusal> check(MonitorDefinition definition) {
        List<Refusal> refusals = new ArrayList<>();
        for (Blocks.Block block : Blocks.of(definition)) {
            Optional<String> type = typeRefusal(block);
            if (type.isPresent()) {
                // nothing else is looked at: a refused type's paths are not the caller's business
                refusals.add(new Refusal(typeKey(block), type.get()));
                continue;
            }
            block.descriptor(catalog).ifPresent(d -> checkKeys(block, d, refusals));
        }
        return refusals;
    }

    private static String typeKey(Blocks.Block block) {
        return switch (block.family()) {
            case "pulse" -> block.path().substring(0, block.path().indexOf('.')) + ".type";
            case "intervention" -> "intervention.action";
            default -> block.slot() + ".notify";
        };
    }

    private Optional<String> typeRefusal(Blocks.Block block) {
        if (isLocalProgram(block) && !policy.allowCommands()) {
            return Optional.of("monitors that run local programs (" + block.family() + " " + block.type()
                    + ") cannot be defined through the API; define them in the manifest, or set "
                    + "cpra.api.allow-commands to true");
        }
        Set<String> allowed = switch (block.family()) {
            case "pulse" -> policy.pulses();
            case "intervention" -> policy.interventions();
            default -> policy.codes();
        };
        if (!allowed.contains(ApiPolicy.ANY) && !allowed.contains(block.type())) {
            return Optional.of("the " + block.family() + " type " + block.type() + " cannot be used through the API; "
                    + "allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList()))
                    + " (cpra.api.policy.plugins." + block.family() + ")");
        }
        return Optional.empty();
    }

    private static boolean isLocalProgram(Blocks.Block block) {
        return !block.family().equals("code")
                && (block.type().equals(ApiPolicy.COMMAND) || block.type().equals(ApiPolicy.SCRIPT));
    }

    private void checkKeys(Blocks.Block block, PluginDescriptor descriptor, List<Refusal> refusals) {
        List<String> hosts = new ArrayList<>();
        List<String> matchers = new ArrayList<>();
        checkKeys(block, block.path(), block.config(), descriptor.keys(), hosts, matchers, refusals);
        Map<String, List<InetAddress>> resolved = new LinkedHashMap<>();
        for (String host : hosts) {
            List<InetAddress> addresses = resolved.computeIfAbsent(host, targets::addresses);
            targets.refusal(host, addresses).ifPresent(r -> refusals.add(new Refusal(block.path(), r)));
        }
        if (!matchers.isEmpty()) {
            for (String host : hosts) {
                Optional<String> refused = targets.bodyMatchRefusal(host, resolved.get(host));
                if (refused.isPresent()) {
                    matchers.forEach(path -> refusals.add(new Refusal(path, refused.get())));
                    break;
                }
            }
        }
    }

    private void checkKeys(Blocks.Block block, String path, Map<String, Object> config, List<ConfigKey> declared,
                           List<String> hosts, List<String> matchers, List<Refusal> refusals) {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        declared.forEach(key -> byName.put(key.name(), key));
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            String keyPath = path + "." + entry.getKey();
            Object value = entry.getValue();
            ConfigKey key = byName.get(entry.getKey());
            if (key == null) {
                secretSource(entry.getKey(), byName, keyPath, value, refusals);
                continue;
            }
            if (value instanceof String text) {
                if (key.has(KeyRole.WRITE_PATH)) {
                    writes.refusal(text).or(() -> ownLog(text)).ifPresent(r -> refusals.add(new Refusal(keyPath, r)));
                }
                if (key.has(KeyRole.READ_PATH) && !isLocalProgram(block)) {
                    reads.refusal(text).ifPresent(r -> refusals.add(new Refusal(keyPath, r)));
                }
                if (key.has(KeyRole.TARGET_URL)) {
                    Targets.hostOfUrl(text).ifPresent(hosts::add);
                }
                if (key.has(KeyRole.TARGET_HOST)) {
                    Targets.hostOf(text).ifPresent(hosts::add);
                }
            }
            if (key.has(KeyRole.RESPONSE_MATCH) && value != null) {
                matchers.add(keyPath);
            }
            if (key.type() == ValueType.MAP && !key.children().isEmpty() && value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) nested;
                checkKeys(block, keyPath, map, key.children(), hosts, matchers, refusals);
            }
        }
    }

    /**
     * The server's own log ({@code cpra.0.log} to {@code cpra.4.log} in the logs folder, and
     * their lock files) is not a file API monitors may append to: lines there are the server's.
     */
    private static Optional<String> ownLog(String value) {
        String name = value.strip().replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return OWN_LOG.matcher(name).matches()
                ? Optional.of("\"" + value + "\" is the server's own log; write to another file under logs/")
                : Optional.empty();
    }

    /** A secret's {@code <key>_file} is a read, its {@code <key>_env} a look into the server's environment. */
    private void secretSource(String name, Map<String, ConfigKey> byName, String keyPath, Object value,
                              List<Refusal> refusals) {
        if (!(value instanceof String source)) {
            return;
        }
        if (name.endsWith("_file") && isSecret(byName.get(name.substring(0, name.length() - "_file".length())))) {
            reads.refusal(source.strip()).ifPresent(r -> refusals.add(new Refusal(keyPath, r)));
        } else if (name.endsWith("_env") && isSecret(byName.get(name.substring(0, name.length() - "_env".length())))
                && !source.strip().startsWith(policy.secretEnvPrefix())) {
            refusals.add(new Refusal(keyPath, "API monitors may only read environment variables whose names start with "
                    + policy.secretEnvPrefix() + " (cpra.api.policy.secret-env-prefix)"));
        }
    }

    private static boolean isSecret(ConfigKey key) {
        return key != null && key.has(KeyRole.SECRET) && key.type() == ValueType.STRING;
    }
}
