package io.cpra.core.trust;

import io.helidon.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What monitors defined through the API may do ({@code cpra.api.allow-commands} and
 * {@code cpra.api.policy.*}). The manifest is the operator's own file and is trusted; the API
 * is reachable by anyone holding a token, so its monitors are held to this policy when they
 * are created or replaced, and again at every start and reload. Immutable.
 *
 * @param allowCommands   whether API monitors may run local programs ({@value #COMMAND} and
 *                        {@value #SCRIPT} pulses and interventions); such monitors can read
 *                        anything their program can, so their own path keys are not confined
 * @param pulses          the pulse types API monitors may use; {@code *} for any
 * @param interventions   the intervention types; {@code *} for any
 * @param codes           the code (notifier) types; {@code *} for any
 * @param writePaths      folders, relative to the cpra home, under which API monitors may write
 *                        or create files (keys of role {@code WRITE_PATH}); never {@code conf/}
 *                        or {@code data/}
 * @param readPaths       folders under which API monitors may read files (keys of role
 *                        {@code READ_PATH} and every secret's {@code <key>_file})
 * @param targetAllow     address ranges API monitors may reach (keys of role {@code TARGET_*});
 *                        empty for any address not denied
 * @param targetDeny      address ranges API monitors may never reach; a deny wins over an allow
 * @param bodyMatchDeny   address ranges against which API monitors may not match responses
 *                        (keys of role {@code RESPONSE_MATCH}, such as {@code body_regex}): the
 *                        outcome would tell the definer what a page they cannot read says
 * @param secretEnvPrefix the prefix every environment variable named by a secret's
 *                        {@code <key>_env} must have; empty for any variable
 */
public record ApiPolicy(boolean allowCommands,
                        Set<String> pulses,
                        Set<String> interventions,
                        Set<String> codes,
                        List<String> writePaths,
                        List<String> readPaths,
                        List<String> targetAllow,
                        List<String> targetDeny,
                        List<String> bodyMatchDeny,
                        String secretEnvPrefix) {

    /** The pulse and intervention type that runs a program. */
    public static final String COMMAND = "command";
    /** The intervention type that runs a script file. */
    public static final String SCRIPT = "script";
    /** Every type of a family. */
    public static final String ANY = "*";
    /** API monitors write under {@code logs/} only. */
    public static final List<String> DEFAULT_WRITE_PATHS = List.of("logs");
    /** API monitors read scripts and secret files from these folders only. */
    public static final List<String> DEFAULT_READ_PATHS = List.of("scripts", "secrets");
    /**
     * Link-local ranges (where clouds serve instance metadata and credentials), the metadata
     * addresses outside them (AWS over IPv6, Alibaba), and the unspecified addresses, which
     * reach the local host. Loopback is not denied by default: checking a service on the same
     * host is common; deny {@code 127.0.0.0/8} and {@code ::1} to forbid it.
     */
    public static final List<String> DEFAULT_TARGET_DENY = List.of("169.254.0.0/16", "fe80::/10",
            "fd00:ec2::254/128", "100.100.100.200/32", "0.0.0.0/8", "::/128");
    /** Loopback and private ranges: pages there are often readable only from this host. */
    public static final List<String> DEFAULT_BODY_MATCH_DENY = List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8",
            "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
    /** Secrets given as {@code <key>_env} must name variables starting with this. */
    public static final String DEFAULT_SECRET_ENV_PREFIX = "CPRA_SECRET_";

    /** Copies the collections and checks every range. */
    public ApiPolicy {
        pulses = Set.copyOf(pulses);
        interventions = Set.copyOf(interventions);
        codes = Set.copyOf(codes);
        writePaths = List.copyOf(writePaths);
        readPaths = List.copyOf(readPaths);
        targetAllow = List.copyOf(targetAllow);
        targetDeny = List.copyOf(targetDeny);
        bodyMatchDeny = List.copyOf(bodyMatchDeny);
        Objects.requireNonNull(secretEnvPrefix, "secretEnvPrefix");
        ranges("targets.allow", targetAllow);
        ranges("targets.deny", targetDeny);
        ranges("body-match-deny", bodyMatchDeny);
    }

    /**
     * The defaults: no local programs, any plugin type otherwise, writes under {@code logs/},
     * reads under {@code scripts/} and {@code secrets/}, link-local and metadata addresses
     * denied, no response matching against loopback or private addresses.
     *
     * @return the default policy
     */
    public static ApiPolicy defaults() {
        return new ApiPolicy(false, Set.of(ANY), Set.of(ANY), Set.of(ANY), DEFAULT_WRITE_PATHS, DEFAULT_READ_PATHS,
                List.of(), DEFAULT_TARGET_DENY, DEFAULT_BODY_MATCH_DENY, DEFAULT_SECRET_ENV_PREFIX);
    }

    /**
     * Reads the policy from the {@code cpra.api} node: {@code allow-commands} and the
     * {@code policy} block below it; every key is optional.
     *
     * @param api the {@code cpra.api} node
     * @return the policy
     * @throws io.helidon.config.ConfigException naming the key when a range is malformed
     */
    public static ApiPolicy from(Config api) {
        ApiPolicy d = defaults();
        Config policy = api.get("policy");
        try {
            return new ApiPolicy(api.get("allow-commands").asBoolean().orElse(false),
                    Set.copyOf(texts(policy.get("plugins.pulse"), List.copyOf(d.pulses))),
                    Set.copyOf(texts(policy.get("plugins.intervention"), List.copyOf(d.interventions))),
                    Set.copyOf(texts(policy.get("plugins.code"), List.copyOf(d.codes))),
                    texts(policy.get("write-paths"), d.writePaths),
                    texts(policy.get("read-paths"), d.readPaths),
                    texts(policy.get("targets.allow"), d.targetAllow),
                    texts(policy.get("targets.deny"), d.targetDeny),
                    texts(policy.get("body-match-deny"), d.bodyMatchDeny),
                    policy.get("secret-env-prefix").asString().orElse(d.secretEnvPrefix));
        } catch (IllegalArgumentException e) {
            throw new io.helidon.config.ConfigException("cpra.api.policy." + e.getMessage());
        }
    }

    /**
     * This policy with local programs allowed or not.
     *
     * @param allow whether API monitors may run local programs
     * @return a copy
     */
    public ApiPolicy withAllowCommands(boolean allow) {
        return new ApiPolicy(allow, pulses, interventions, codes, writePaths, readPaths, targetAllow, targetDeny,
                bodyMatchDeny, secretEnvPrefix);
    }

    /**
     * This policy with other target ranges.
     *
     * @param allow ranges that may be reached; empty for any not denied
     * @param deny  ranges that may never be reached
     * @return a copy
     */
    public ApiPolicy withTargets(List<String> allow, List<String> deny) {
        return new ApiPolicy(allowCommands, pulses, interventions, codes, writePaths, readPaths, allow, deny,
                bodyMatchDeny, secretEnvPrefix);
    }

    /** A list of texts; a single value may list several, separated by commas (as environment variables do). */
    private static List<String> texts(Config node, List<String> fallback) {
        if (!node.exists()) {
            return fallback;
        }
        if (node.isLeaf()) {
            String value = node.asString().orElse("");
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }
        return node.asList(String.class).orElse(fallback).stream().map(String::strip).toList();
    }

    private static void ranges(String key, List<String> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            try {
                Cidr.parse(ranges.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "[" + i + "]: " + e.getMessage(), e);
            }
        }
    }
}
