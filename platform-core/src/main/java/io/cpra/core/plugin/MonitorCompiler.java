package io.cpra.core.plugin;

import io.cpra.core.engine.CodeRoute;
import io.cpra.core.engine.InterventionSpec;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorSpec;
import io.cpra.core.engine.budget.BudgetLimits;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.trust.Redaction;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns validated monitor definitions into what the engine runs: each block's plugin prepares
 * its instance (the plugin's own validation errors point at the manifest's line and key), and
 * the monitor's settings become a {@link MonitorSpec}, interned so that monitors with equal
 * settings share one. Thread-safe: a pipelined manifest load compiles on its own thread.
 *
 * <p>A monitor compiles whole or not at all: when one block fails, the instances already
 * prepared for it are closed again.
 */
public final class MonitorCompiler {

    /** Intervention retry delays double up to this, unless the first delay is longer. */
    static final Duration RETRY_DELAY_CAP = Duration.ofMinutes(5);

    private final PluginRegistry registry;
    private final Path home;
    private final Duration defaultCooldown;
    private final Map<MonitorSpec, MonitorSpec> specs = new ConcurrentHashMap<>();
    private final Map<List<String>, List<String>> groups = new ConcurrentHashMap<>();

    /**
     * Creates a compiler.
     *
     * @param registry        the loaded plugins
     * @param home            the cpra home, for relative paths in plugin config
     * @param defaultCooldown the cooldown of codes whose block sets none; zero for none
     */
    public MonitorCompiler(PluginRegistry registry, Path home, Duration defaultCooldown) {
        this.registry = registry;
        this.home = home;
        this.defaultCooldown = defaultCooldown;
    }

    /**
     * Compiles one monitor; on a plugin's error, rejects the definition (the load then fails as
     * a whole) and returns empty.
     *
     * @param definition a validated definition, while its consumer runs
     * @return the plan, or empty when a plugin refused its config
     */
    public Optional<MonitorPlan> compile(MonitorDefinition definition) {
        List<AutoCloseable> prepared = new ArrayList<>();
        try {
            MonitorPlan plan = build(definition, prepared);
            return Optional.of(plan);
        } catch (ConfigException e) {
            prepared.forEach(MonitorCompiler::closeQuietly);
            definition.reject(e);
            return Optional.empty();
        }
    }

    /**
     * Prepares one block of a monitor that has other errors, to learn what its plugin refuses,
     * and closes the instance at once ({@link io.cpra.core.manifest.BlockTrial}).
     *
     * @param family  {@code pulse}, {@code intervention} or {@code code}
     * @param type    the plugin's type
     * @param monitor the monitor's name
     * @param path    the block's key path
     * @param config  the block
     * @return the plugin's refusal, or empty
     */
    public Optional<ConfigException> refusal(String family, String type, String monitor, String path,
                                             Map<String, Object> config) {
        Optional<? extends Plugin<? extends AutoCloseable>> plugin = switch (family) {
            case "pulse" -> registry.pulsePlugin(type);
            case "intervention" -> registry.interventionPlugin(type);
            case "code" -> registry.codePlugin(type);
            default -> Optional.empty();
        };
        if (plugin.isEmpty()) {
            return Optional.empty();
        }
        try {
            closeQuietly(prepare(plugin.get(), monitor, path, config, PluginContext.of(monitor, home)));
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e);
        }
    }

    private MonitorPlan build(MonitorDefinition definition, List<AutoCloseable> prepared) {
        String name = definition.name();
        PluginContext context = PluginContext.of(name, home);
        MonitorDefinition.Pulse pulse = definition.pulse();
        PulseCheck check = prepare(registry.pulsePlugin(pulse.type()).orElseThrow(), name, pulse.configPath(),
                pulse.config(), context);
        prepared.add(check);

        Policy.Builder policy = Policy.builder()
                .unhealthyThreshold(pulse.unhealthyThreshold())
                .healthyThreshold(pulse.healthyThreshold());
        InterventionSpec interventionSpec = null;
        if (definition.intervention().isPresent()) {
            MonitorDefinition.Intervention block = definition.intervention().get();
            Intervention intervention = prepare(registry.interventionPlugin(block.type()).orElseThrow(), name,
                    block.configPath(), block.config(), context);
            prepared.add(intervention);
            long backoff = block.backoff().toNanos();
            policy.intervention(block.attempts())
                    .retryBackoff(backoff, Math.max(backoff, RETRY_DELAY_CAP.toNanos()))
                    .verificationPulses(block.verify());
            List<BudgetLimits> budgets = new ArrayList<>();
            for (MonitorDefinition.Budget budget : block.budgets()) {
                budgets.add(new BudgetLimits(budget.name(), budget.concurrent(), budget.max(),
                        budget.per() == null ? 0 : budget.per().toNanos(), budget.maxWait().toNanos()));
            }
            interventionSpec = new InterventionSpec(block.type(), intervention, block.timeout().toNanos(), block.attempts(),
                    budgets);
        } else {
            policy.verificationPulses(pulse.healthyThreshold());
        }

        List<CodeRoute> routes = new ArrayList<>();
        for (Colour colour : Colour.values()) {
            Code code = Code.ofOrdinal(colour.ordinal());
            MonitorDefinition.Code block = definition.codes().get(colour);
            Duration cooldown = block == null ? defaultCooldown : block.cooldown().orElse(defaultCooldown);
            if (code != Code.GREEN) {
                policy.cooldownNanos(code, cooldown.toNanos());
            }
            if (block != null) {
                Notifier notifier = prepare(registry.codePlugin(block.type()).orElseThrow(), name, block.configPath(),
                        block.config(), context);
                prepared.add(notifier);
                routes.add(new CodeRoute(colour, block.type(), notifier, block.dispatch()));
            }
        }
        List<String> sharedGroups = groups.computeIfAbsent(definition.groups(), g -> g);
        List<String> sharedParents = groups.computeIfAbsent(definition.dependsOn(), p -> p);
        List<String> notifyGroups = definition.allNotifyGroups();
        List<String> sharedNotifyGroups = notifyGroups.isEmpty() ? List.of() : groups.computeIfAbsent(notifyGroups, g -> g);
        MonitorSpec spec = new MonitorSpec(pulse.type(), pulse.interval().toNanos(), pulse.timeout().toNanos(),
                policy.build(), interventionSpec, routes, sharedGroups, sharedParents, sharedNotifyGroups);
        spec = specs.computeIfAbsent(spec, s -> s);
        return new MonitorPlan(name, definition.enabled(), check, spec, Fingerprint.of(definition));
    }

    /** Calls a plugin's prepare; anything but a ConfigException is the plugin's fault, reported at its block. */
    private static <T> T prepare(Plugin<T> plugin, String monitor, String path, Map<String, Object> config,
                                 PluginContext context) {
        T instance;
        try {
            // secrets given as <key>_file resolve against the home, as the plugin's own paths do
            PluginConfig view = PluginConfig.builder(config).monitor(monitor).path(path)
                    .baseDirectory(context.baseDirectory()).build();
            instance = plugin.prepare(view, context);
        } catch (ConfigException e) {
            // a plugin may quote what it was given; a secret it quotes is masked here, once for all plugins
            String reason = Redaction.scrub(e.reason(), Redaction.secrets(config, plugin.descriptor().keys()));
            throw reason.equals(e.reason()) ? e : new ConfigException(e.monitor(), e.path(), reason);
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigException(monitor, path, "the " + plugin.descriptor().type()
                    + " plugin failed to prepare this block: "
                    + Redaction.scrub(String.valueOf(e), Redaction.secrets(config, plugin.descriptor().keys())));
        }
        if (instance == null) {
            throw new ConfigException(monitor, path, "the " + plugin.descriptor().type() + " plugin prepared nothing");
        }
        return instance;
    }

    private static void closeQuietly(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception | LinkageError ignored) {
            // the monitor is refused already; a failing close changes nothing for the user
        }
    }
}
