package io.cpra.core.manifest;

import io.cpra.core.manifest.Node.MapNode;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginDescriptor;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one monitor's tree against the manifest schema and the installed plugins' declared
 * config keys, and builds its {@link MonitorDefinition} when nothing is wrong. Every problem is
 * reported, with the key's line and column; one bad value never hides another. Keeps no state
 * between monitors except what the caller passes in (the names seen so far).
 *
 * <p>Not thread-safe: one instance per load, used by the reading thread.
 */
final class MonitorValidator {

    static final List<String> MONITOR_KEYS = List.of("name", "enabled", "groups", "notify_groups", "depends_on",
            "pulse_check", "pulse", "intervention", "codes");
    static final List<String> PULSE_KEYS = List.of("type", "interval", "timeout", "max_failures",
            "unhealthy_threshold", "healthy_threshold", "groups", "config");
    static final List<String> INTERVENTION_KEYS = List.of("action", "retries", "max_failures", "timeout",
            "backoff", "verify", "target", "config", "budgets");
    static final List<String> BUDGET_KEYS = List.of("group", "type", "concurrent", "max", "per", "wait");
    static final Duration DEFAULT_BUDGET_WAIT = Duration.ofMinutes(5);
    static final List<String> CODE_KEYS = List.of("dispatch", "notify", "cooldown", "groups", "config");
    static final List<String> COLOURS = List.of("yellow", "red", "cyan", "green", "gray");
    /** What {@code codes} may hold: the colours and, as in CPRA, the groups every colour notifies. */
    static final List<String> CODES_KEYS = List.of("yellow", "red", "cyan", "green", "gray", "groups");

    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_INTERVENTION_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(5);

    private static final int MAX_NAME = 200;

    private final PluginCatalog catalog;
    private final String source;
    private final boolean single;
    private final NameTable names;
    private final Problems problems;
    private final Fields fields = new Fields();
    private final BlockTrial trial;
    /** The current monitor's plugin blocks, tried when the monitor has errors; cleared per monitor. */
    private final List<Trial> trials = new java.util.ArrayList<>();
    /** By config path, the last block that passed; bounded by the handful of config paths. */
    private final Map<String, Passed> lastPassed = new java.util.HashMap<>();

    MonitorValidator(PluginCatalog catalog, BlockTrial trial, String source, boolean single, NameTable names,
                     Problems problems) {
        this.catalog = catalog;
        this.trial = trial;
        this.source = source;
        this.single = single;
        this.names = names;
        this.problems = problems;
    }

    /**
     * @return the definition, or null when the monitor has errors (all added to the problems)
     */
    MonitorDefinition validate(Parsed.Monitor item) {
        MonitorCheck check = new MonitorCheck(item.node(), single ? "" : "monitors[" + item.index() + "]", source, problems);
        long before = problems.total();
        trials.clear();
        if (!(item.node() instanceof MapNode monitor)) {
            check.error(item.node().line, item.node().column, "", "expected a monitor (a map with name and "
                    + "pulse_check), got " + item.node().describe());
            return null;
        }
        String name = name(check, monitor);
        for (Parsed.Pending p : item.problems()) {
            check.error(p.line(), p.column(), p.path(), p.message());
        }
        Fields.unknownKeys(check, monitor, "", MONITOR_KEYS);
        boolean enabled = Fields.optionalBoolean(check, monitor, "enabled", "", true);
        Set<String> groups = new LinkedHashSet<>();
        Fields.groups(check, monitor, "", groups);
        Set<String> notifyGroups = new LinkedHashSet<>();
        Fields.strings(check, monitor, "notify_groups", "", notifyGroups, "group name");
        MonitorDefinition.Pulse pulse = pulse(check, monitor, groups);
        MonitorDefinition.Intervention intervention = intervention(check, monitor,
                pulse == null ? 1 : pulse.healthyThreshold(), groups);
        Map<Colour, MonitorDefinition.Code> codes = codes(check, monitor, notifyGroups);
        List<String> dependsOn = dependsOn(check, monitor, name);
        if (name != null) {
            int at = monitor.indexOf("name");
            long first = names.putIfAbsent(name, monitor.keyLines[at], monitor.keyColumns[at]);
            if (first >= 0) {
                check.error(monitor.keyLines[at], monitor.keyColumns[at], "name", "duplicate monitor name \""
                        + name + "\"; first defined at line " + NameTable.line(first) + ", column "
                        + NameTable.column(first));
            }
        }
        if (problems.total() != before || pulse == null) {
            tryBlocks(check);
            return null;
        }
        return new MonitorDefinition(name, item.index(), enabled, List.copyOf(groups), dependsOn,
                List.copyOf(notifyGroups), pulse, intervention, codes,
                new ManifestPosition(source, monitor.line, monitor.column), "", monitor);
    }

    /**
     * {@code depends_on}: a list of monitor names and {@code group:NAME}s. Whether they exist and
     * whether they form a cycle is known only at the end of the load ({@link DependencyCheck}).
     */
    private static List<String> dependsOn(MonitorCheck check, MapNode monitor, String self) {
        int i = monitor.indexOf("depends_on");
        if (i < 0) {
            return List.of();
        }
        if (!(monitor.values[i] instanceof Node.SeqNode list)) {
            check.error(monitor.keyLines[i], monitor.keyColumns[i], "depends_on", "expected a list of monitor names "
                    + "and group:NAME entries such as [core-switch-1, group:core], got " + monitor.values[i].describe());
            return List.of();
        }
        Set<String> parents = new LinkedHashSet<>();
        for (int j = 0; j < list.items.length; j++) {
            Node item = list.items[j];
            String path = "depends_on[" + j + "]";
            if (!(item instanceof Node.Scalar s) || s.kind == Node.Kind.NULL || s.text.isBlank()) {
                check.error(item.line, item.column, path, "expected a monitor name or group:NAME, got " + item.describe());
                continue;
            }
            String bad;
            if (s.text.startsWith(DependencyCheck.GROUP_PREFIX)) {
                bad = s.text.length() == DependencyCheck.GROUP_PREFIX.length()
                        ? "expected a group name after \"group:\"" : null;
            } else {
                bad = nameProblem(s.text);
                if (bad == null && s.text.equals(self)) {
                    bad = "a monitor cannot depend on itself";
                }
            }
            if (bad != null) {
                check.error(item.line, item.column, path, bad);
            } else {
                parents.add(s.text);
            }
        }
        return List.copyOf(parents);
    }

    private String name(MonitorCheck check, MapNode monitor) {
        int i = monitor.indexOf("name");
        if (i < 0) {
            if (!Fields.misspelt(monitor, "name", MONITOR_KEYS)) {
                check.error(monitor.line, monitor.column, "name", "required key \"name\" is missing");
            }
            return null;
        }
        String name = Fields.text(check, monitor, i, "name");
        if (name == null) {
            return null;
        }
        String bad = nameProblem(name);
        if (bad != null) {
            check.error(monitor.keyLines[i], monitor.keyColumns[i], "name", bad);
            return null;
        }
        check.name(name);
        return name;
    }

    /**
     * Names are keys everywhere (API paths, storage, events, logs) but, as in CPRA, may hold any
     * character a person types: spaces, brackets, {@code #}. Paths percent-encode them. What is
     * refused is what no person types and what breaks a line or a path: control characters
     * (line breaks, NUL, escape), an empty or all-blank name, and the path segments {@code .}
     * and {@code ..}, which a URL resolves away.
     *
     * @return why a name is not acceptable, or null when it is
     */
    static String nameProblem(String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            return "a name has 1 to " + MAX_NAME + " characters and is not blank, got " + name.length()
                    + (name.length() == 1 ? " character" : " characters");
        }
        if (name.equals(".") || name.equals("..")) {
            return "a name cannot be \"" + name + "\" (a URL path would resolve it away)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return String.format(java.util.Locale.ROOT, "a name cannot hold control characters, but it has "
                        + "U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }

    private MonitorDefinition.Pulse pulse(MonitorCheck check, MapNode monitor, Set<String> groups) {
        int checkKey = monitor.indexOf("pulse_check");
        int pulseKey = monitor.indexOf("pulse");
        if (checkKey >= 0 && pulseKey >= 0) {
            int later = Math.max(checkKey, pulseKey);
            check.error(monitor.keyLines[later], monitor.keyColumns[later], monitor.keys[later],
                    "give either pulse_check or pulse, not both");
            return null;
        }
        int at = checkKey >= 0 ? checkKey : pulseKey;
        if (at < 0) {
            if (!Fields.misspelt(monitor, "pulse_check", MONITOR_KEYS) && !Fields.misspelt(monitor, "pulse", MONITOR_KEYS)) {
                check.error(monitor.line, monitor.column, "pulse_check", "required key \"pulse_check\" (or \"pulse\") "
                        + "is missing");
            }
            return null;
        }
        String key = monitor.keys[at];
        MapNode block = Fields.block(check, monitor, at, key);
        if (block == null) {
            return null;
        }
        Fields.unknownKeys(check, block, key, PULSE_KEYS);
        Fields.groups(check, block, key, groups);
        String type = Fields.requiredText(check, block, "type", key, PULSE_KEYS);
        Optional<PluginDescriptor> plugin = type == null ? Optional.empty() : plugin(check, block, key, "type", type,
                "pulse", catalog.pulse(type), catalog.pulseTypes());
        String family = "pulse";
        Duration interval = null;
        int i = block.indexOf("interval");
        if (i < 0) {
            if (!Fields.misspelt(block, "interval", PULSE_KEYS)) {
                check.error(block.line, block.column, key + ".interval", "required key \"interval\" is missing");
            }
        } else {
            interval = fields.duration(check, block, i, key + ".interval");
            if (interval != null && (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0)) {
                check.error(block.keyLines[i], block.keyColumns[i], key + ".interval", "the interval must be between "
                        + "100ms and 24h, got " + Fields.scalarText(block.values[i]));
                interval = null;
            }
        }
        Duration timeout = null;
        i = block.indexOf("timeout");
        if (i >= 0) {
            timeout = fields.duration(check, block, i, key + ".timeout");
            if (timeout != null && !timeout.isPositive()) {
                check.error(block.keyLines[i], block.keyColumns[i], key + ".timeout", "the timeout must be "
                        + "greater than 0, got " + Fields.scalarText(block.values[i]));
                timeout = null;
            } else if (timeout != null && interval != null && timeout.compareTo(interval) > 0) {
                check.error(block.keyLines[i], block.keyColumns[i], key + ".timeout", "the timeout ("
                        + Fields.scalarText(block.values[i]) + ") must not be longer than the interval ("
                        + Fields.scalarText(block.get("interval")) + ")");
                timeout = null;
            }
        } else if (interval != null) {
            timeout = interval.compareTo(DEFAULT_MAX_TIMEOUT) < 0 ? interval : DEFAULT_MAX_TIMEOUT;
        }
        int unhealthy = Fields.aliasedCount(check, block, key, "unhealthy_threshold", "max_failures", 1);
        int healthy = Fields.count(check, block, key, "healthy_threshold", 2);
        Map<String, Object> config = config(check, block, key, "config", plugin, family);
        if (type == null || interval == null || timeout == null || unhealthy < 1 || healthy < 1 || config == null) {
            return null;
        }
        return new MonitorDefinition.Pulse(key, type, interval, timeout, unhealthy, healthy, config);
    }

    private MonitorDefinition.Intervention intervention(MonitorCheck check, MapNode monitor, int healthyThreshold,
                                                        Set<String> groups) {
        int at = monitor.indexOf("intervention");
        if (at < 0) {
            return null;
        }
        MapNode block = Fields.block(check, monitor, at, "intervention");
        if (block == null) {
            return null;
        }
        Fields.unknownKeys(check, block, "intervention", INTERVENTION_KEYS);
        String type = Fields.requiredText(check, block, "action", "intervention", INTERVENTION_KEYS);
        Optional<PluginDescriptor> plugin = type == null ? Optional.empty() : plugin(check, block, "intervention",
                "action", type, "intervention", catalog.intervention(type), catalog.interventionTypes());
        int attempts = Fields.aliasedCount(check, block, "intervention", "retries", "max_failures", 1);
        Duration timeout = fields.optionalDuration(check, block, "intervention", "timeout", DEFAULT_INTERVENTION_TIMEOUT, true);
        Duration backoff = fields.optionalDuration(check, block, "intervention", "backoff", DEFAULT_BACKOFF, false);
        int verify = Fields.count(check, block, "intervention", "verify", healthyThreshold);
        int target = block.indexOf("target");
        int configAt = block.indexOf("config");
        String configKey = "target";
        if (target >= 0 && configAt >= 0) {
            int later = Math.max(target, configAt);
            check.error(block.keyLines[later], block.keyColumns[later], "intervention." + block.keys[later],
                    "give either target or config, not both");
            return null;
        } else if (configAt >= 0) {
            configKey = "config";
        }
        Map<String, Object> config = config(check, block, "intervention", configKey, plugin, "intervention");
        List<MonitorDefinition.Budget> budgets = budgets(check, block, type, groups);
        if (type == null || attempts < 1 || timeout == null || backoff == null || verify < 1 || config == null
                || budgets == null) {
            return null;
        }
        return new MonitorDefinition.Intervention(type, attempts, timeout, backoff, verify, configKey, config, budgets);
    }

    /** {@code intervention.budgets}: a list of limits by group and action type; null after an error. */
    private List<MonitorDefinition.Budget> budgets(MonitorCheck check, MapNode block, String action,
                                                   Set<String> groups) {
        int at = block.indexOf("budgets");
        if (at < 0) {
            return List.of();
        }
        if (!(block.values[at] instanceof Node.SeqNode list)) {
            check.error(block.keyLines[at], block.keyColumns[at], "intervention.budgets", "expected a list of budgets "
                    + "such as [{group: payments, concurrent: 5, per: 10m, max: 20}], got " + block.values[at].describe());
            return null;
        }
        long before = problems.total();
        List<MonitorDefinition.Budget> budgets = new java.util.ArrayList<>();
        for (int j = 0; j < list.items.length; j++) {
            String path = "intervention.budgets[" + j + "]";
            if (!(list.items[j] instanceof MapNode entry)) {
                check.error(list.items[j].line, list.items[j].column, path, "expected a map with group and/or type "
                        + "and limits, got " + list.items[j].describe());
                continue;
            }
            Fields.unknownKeys(check, entry, path, BUDGET_KEYS);
            String group = entry.indexOf("group") < 0 ? null : Fields.text(check, entry, entry.indexOf("group"), path + ".group");
            String type = entry.indexOf("type") < 0 ? null : Fields.text(check, entry, entry.indexOf("type"), path + ".type");
            if (group != null && !groups.contains(group)) {
                int k = entry.indexOf("group");
                check.error(entry.keyLines[k], entry.keyColumns[k], path + ".group", "the monitor is not in group \""
                        + group + "\"" + Suggestions.didYouMean(group, groups) + "; its groups: "
                        + (groups.isEmpty() ? "none" : String.join(", ", groups)));
            }
            if (type != null && action != null && !type.equals(action)) {
                int k = entry.indexOf("type");
                check.error(entry.keyLines[k], entry.keyColumns[k], path + ".type", "the monitor's action is \""
                        + action + "\", not \"" + type + "\"");
            }
            if (entry.indexOf("group") < 0 && entry.indexOf("type") < 0) {
                check.error(entry.line, entry.column, path, "name the group, the action type or both that the budget limits");
            }
            int concurrent = entry.indexOf("concurrent") < 0 ? 0 : Fields.count(check, entry, path, "concurrent", 0);
            int max = entry.indexOf("max") < 0 ? 0 : Fields.count(check, entry, path, "max", 0);
            Duration per = entry.indexOf("per") < 0 ? null : fields.optionalDuration(check, entry, path, "per", null, true);
            Duration wait = fields.optionalDuration(check, entry, path, "wait", DEFAULT_BUDGET_WAIT, false);
            if (entry.indexOf("max") >= 0 && entry.indexOf("per") < 0) {
                int k = entry.indexOf("max");
                check.error(entry.keyLines[k], entry.keyColumns[k], path + ".per", "a max needs its window: add per, "
                        + "such as per: 10m");
            } else if (entry.indexOf("per") >= 0 && entry.indexOf("max") < 0) {
                int k = entry.indexOf("per");
                check.error(entry.keyLines[k], entry.keyColumns[k], path + ".max", "a window needs its max: add max, "
                        + "such as max: 20");
            } else if (entry.indexOf("concurrent") < 0 && entry.indexOf("max") < 0) {
                check.error(entry.line, entry.column, path, "give a limit: concurrent, or max with per, or both");
            }
            budgets.add(new MonitorDefinition.Budget(group, type, Math.max(concurrent, 0), Math.max(max, 0), per, wait));
        }
        return problems.total() == before ? List.copyOf(budgets) : null;
    }

    /** The code blocks by colour; {@code codes.groups}, beside the colours, joins the notify groups. */
    private Map<Colour, MonitorDefinition.Code> codes(MonitorCheck check, MapNode monitor, Set<String> notifyGroups) {
        int at = monitor.indexOf("codes");
        if (at < 0) {
            return Map.of();
        }
        MapNode codes = Fields.block(check, monitor, at, "codes");
        if (codes == null) {
            return Map.of();
        }
        EnumMap<Colour, MonitorDefinition.Code> byColour = new EnumMap<>(Colour.class);
        Fields.strings(check, codes, "groups", "codes", notifyGroups, "group name");
        for (int i = 0; i < codes.length(); i++) {
            String colourKey = codes.keys[i];
            if (colourKey.equals("groups")) {
                continue;
            }
            if (!COLOURS.contains(colourKey)) {
                check.error(codes.keyLines[i], codes.keyColumns[i], "codes." + colourKey, "unknown colour \""
                        + colourKey + "\"" + Suggestions.didYouMean(colourKey, CODES_KEYS) + "; colours: "
                        + String.join(", ", COLOURS) + " (and groups)");
                continue;
            }
            String path = "codes." + colourKey;
            MapNode block = Fields.block(check, codes, i, path);
            if (block == null) {
                continue;
            }
            Fields.unknownKeys(check, block, path, CODE_KEYS);
            boolean dispatch = Fields.optionalBoolean(check, block, "dispatch", path, true);
            String type = Fields.requiredText(check, block, "notify", path, CODE_KEYS);
            Optional<PluginDescriptor> plugin = type == null ? Optional.empty() : plugin(check, block, path, "notify", type,
                    "code", catalog.code(type), catalog.codeTypes());
            Duration cooldown = fields.optionalDuration(check, block, path, "cooldown", null, false);
            Set<String> codeGroups = new LinkedHashSet<>();
            Fields.strings(check, block, "groups", path, codeGroups, "group name");
            Map<String, Object> config = config(check, block, path, "config", plugin, "code");
            if (type != null && config != null) {
                Colour colour = Colour.of(colourKey);
                byColour.put(colour, new MonitorDefinition.Code(colour, dispatch, type, Optional.ofNullable(cooldown),
                        config, List.copyOf(codeGroups)));
            }
        }
        return Collections.unmodifiableMap(byColour);
    }

    private static Optional<PluginDescriptor> plugin(MonitorCheck check, MapNode block, String path, String typeKey,
                                                     String type, String family, Optional<PluginDescriptor> found,
                                                     Set<String> installed) {
        if (found.isEmpty()) {
            int i = block.indexOf(typeKey);
            check.error(block.keyLines[i], block.keyColumns[i], path + "." + typeKey, "unknown " + family
                    + " type \"" + type + "\"" + Suggestions.didYouMean(type, installed) + "; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)));
        }
        return found;
    }

    /**
     * The plugin's config block as plain values, checked against the plugin's declared keys.
     *
     * @return the block (empty when absent or empty), or null when it is not a map
     */
    private Map<String, Object> config(MonitorCheck check, MapNode block, String path, String key,
                                       Optional<PluginDescriptor> plugin, String family) {
        int i = block.indexOf(key);
        String configPath = path + "." + key;
        Map<String, Object> config;
        if (i < 0 || block.values[i] instanceof Node.Scalar s && s.kind == Node.Kind.NULL) {
            // "config:" with every setting commented out means no settings
            config = Map.of();
        } else if (block.values[i] instanceof MapNode map) {
            config = map.plain();
        } else {
            check.error(block.keyLines[i], block.keyColumns[i], configPath, "expected a map of the plugin's "
                    + "settings, got " + block.values[i].describe());
            return null;
        }
        if (plugin.isPresent() && !checkedBefore(configPath, config, plugin.get())) {
            List<ConfigException> found = PluginConfig.of(check.name(), configPath, config).check(plugin.get().keys());
            if (found.isEmpty()) {
                remember(configPath, config, plugin.get());
            }
            found = withoutTypoTwins(found, configPath, plugin.get());
            trials.add(new Trial(family, plugin.get().type(), configPath, config));
            for (ConfigException problem : found) {
                ManifestPosition at = Paths.locate(check.root, problem.path(), source)
                        .orElse(new ManifestPosition(source, block.line, block.column));
                check.error(at.line(), at.column(), problem.path(), problem.reason());
            }
        }
        return config;
    }

    /**
     * Whether this very block (the same immutable map, shared through a YAML alias) already
     * passed the same plugin's check at the same path: a manifest that gives every monitor
     * {@code codes: *defaults} then checks the shared blocks once, not once per monitor.
     */
    private boolean checkedBefore(String path, Map<String, Object> config, PluginDescriptor plugin) {
        Passed passed = lastPassed.get(path);
        return passed != null && passed.config == config && passed.plugin == plugin;
    }

    private void remember(String path, Map<String, Object> config, PluginDescriptor plugin) {
        if (!config.isEmpty()) {
            lastPassed.put(path, new Passed(config, plugin));
        }
    }

    /**
     * A misspelt key gives an unknown key with "did you mean" and, when the key it meant is
     * required, a missing key too: one mistake, so one error, the one that names both spellings.
     */
    private static List<ConfigException> withoutTypoTwins(List<ConfigException> found, String configPath,
                                                          PluginDescriptor plugin) {
        if (found.size() < 2) {
            return found;
        }
        Set<String> meant = new java.util.HashSet<>();
        List<String> declared = plugin.keys().stream().map(io.cpra.plugin.api.ConfigKey::name).toList();
        for (ConfigException problem : found) {
            String key = problem.path().substring(Math.min(problem.path().length(), configPath.length() + 1));
            if (problem.reason().startsWith("unknown key") && !key.contains(".") && !key.contains("[")) {
                String suggestion = Suggestions.closest(key, declared);
                if (suggestion != null) {
                    meant.add(configPath + "." + suggestion);
                }
            }
        }
        if (meant.isEmpty()) {
            return found;
        }
        return found.stream().filter(p -> !(meant.contains(p.path()) && p.reason().startsWith("required key"))).toList();
    }

    /**
     * Lets each plugin block of a monitor that has errors be prepared for its own errors, with
     * the keys already reported left out, and reports what the plugins refuse at a key not
     * already reported.
     */
    private void tryBlocks(MonitorCheck check) {
        for (Trial t : trials) {
            Map<String, Object> config = new java.util.LinkedHashMap<>();
            t.config.forEach((key, value) -> {
                if (!check.reported(t.path + "." + key)) {
                    config.put(key, value);
                }
            });
            Optional<ConfigException> refusal;
            try {
                refusal = trial.refusal(t.family, t.type, check.name(), t.path, Collections.unmodifiableMap(config));
            } catch (RuntimeException e) {
                continue;  // a trial only adds errors; the monitor is refused already
            }
            if (refusal.isPresent() && !check.reported(refusal.get().path())) {
                ConfigException problem = refusal.get();
                ManifestPosition at = Paths.locate(check.root, problem.path(), source)
                        .orElse(new ManifestPosition(source, check.root.line, check.root.column));
                check.error(at.line(), at.column(), problem.path(), problem.reason());
            }
        }
        trials.clear();
    }

    /** A plugin block to try when its monitor has errors. */
    private record Trial(String family, String type, String path, Map<String, Object> config) {
    }

    /** A block that passed its plugin's check; compared by identity. */
    private record Passed(Map<String, Object> config, PluginDescriptor plugin) {
    }

}
