package io.cpra.core;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.EngineSettings;
import io.cpra.core.manifest.ManifestLimits;
import io.cpra.core.ops.Control;
import io.cpra.core.history.HistorySettings;
import io.cpra.plugin.api.Durations;
import io.cpra.core.storage.StorageSettings;
import io.cpra.core.http.ApiSettings;
import io.cpra.core.web.WebSettings;
import io.cpra.core.listen.ListenerSettings;
import io.cpra.core.trust.ApiPolicy;
import io.cpra.core.series.SeriesSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's settings, read once at start from {@code conf/application.yaml}, environment
 * variables and system properties (in that order of increasing precedence). Relative paths
 * resolve against the cpra home, the folder holding {@code bin/}, {@code conf/} and
 * {@code plugins/}.
 *
 * @param home          the cpra home
 * @param host          the address to listen on ({@code server.host}, {@code SERVER_HOST})
 * @param port          the port to listen on, 0 for any free one ({@code server.port}, {@code SERVER_PORT})
 * @param pluginsFolder where plugins are loaded from ({@code cpra.plugins.folder}, {@code CPRA_PLUGINS_FOLDER})
 * @param pluginsStrict whether a plugin that fails to load stops the server from starting
 *                      ({@code cpra.plugins.strict}, {@code CPRA_PLUGINS_STRICT})
 * @param manifest      the monitors manifest ({@code cpra.manifest}, {@code CPRA_MANIFEST})
 * @param dataFolder    where state is kept ({@code cpra.data}, {@code CPRA_DATA})
 * @param logsFolder    where cpra writes its own log ({@code cpra.logs}, {@code CPRA_LOGS})
 * @param codeCooldown  the cooldown of codes whose block sets none ({@code cpra.codes.cooldown},
 *                      {@code CPRA_CODES_COOLDOWN}); {@code 0s} turns it off
 * @param deliveryAttempts delivery attempts per code before it is given up on ({@code cpra.delivery.attempts},
 *                      {@code CPRA_DELIVERY_ATTEMPTS}), at least 1
 * @param deliveryBackoff  delay after a code's first failed attempt, doubling after each further
 *                      one, at most 30 minutes (or this, when longer) ({@code cpra.delivery.backoff},
 *                      {@code CPRA_DELIVERY_BACKOFF})
 * @param storageUrl    the store's JDBC URL ({@code cpra.storage.url}, {@code CPRA_STORAGE_URL}); by
 *                      default SQLite in {@code data/cpra.db}
 * @param storageUser   its user ({@code cpra.storage.user})
 * @param storagePassword its password ({@code cpra.storage.password}, {@code CPRA_STORAGE_PASSWORD})
 * @param storageConnections connections to hold open ({@code cpra.storage.connections})
 * @param retention     how long events and closed incidents are kept ({@code cpra.storage.retention})
 * @param history       check history retention per tier and the writer's backlog ({@code cpra.history.*})
 * @param apiPolicy     what monitors defined through the API may do: {@code cpra.api.allow-commands}
 *                      ({@code CPRA_API_ALLOW_DASH_COMMANDS}) and {@code cpra.api.policy.*}
 * @param api           the HTTP API's token and limits: {@code cpra.api.token} ({@code CPRA_API_TOKEN}),
 *                      {@code cpra.api.protect-reads} ({@code CPRA_API_PROTECT_DASH_READS}, Helidon's
 *                      spelling of a dash in a variable name), {@code cpra.api.limits.body},
 *                      {@code .string} and {@code .depth} ({@code CPRA_API_LIMITS_BODY}, ...)
 * @param tokensFile    the named tokens with their scopes ({@code cpra.api.tokens-file},
 *                      {@code CPRA_API_TOKENS_DASH_FILE}); {@code conf/tokens} by default, read again
 *                      whenever it changes and written by {@code bin/cpra token}
 * @param web           the public status pages ({@code cpra.status-pages})
 * @param listener      the listener's deadlines, connection caps and TLS: the dashed keys under
 *                      {@code server} ({@code server.idle-timeout}, {@code server.max-connections},
 *                      {@code server.tls.certificate}, ...)
 * @param manifestLimits bounds on reading the manifest: {@code cpra.manifest-limits.max-bytes}
 *                      (a larger file is refused by its size before it is read),
 *                      {@code .max-scalar-length} and {@code .max-alias-text}
 *                      ({@code CPRA_MANIFEST_DASH_LIMITS_MAX_DASH_BYTES}, ...); see {@link ManifestLimits}
 * @param series        per-monitor Prometheus series ({@code cpra.metrics.monitor-series})
 */
public record Settings(Path home,
                       String host,
                       int port,
                       Path pluginsFolder,
                       boolean pluginsStrict,
                       Path manifest,
                       Path dataFolder,
                       Path logsFolder,
                       Duration codeCooldown,
                       int deliveryAttempts,
                       Duration deliveryBackoff,
                       String storageUrl,
                       String storageUser,
                       String storagePassword,
                       int storageConnections,
                       Duration retention,
                       ApiPolicy apiPolicy,
                       ApiSettings api,
                       Path tokensFile,
                       HistorySettings history,
                       WebSettings web,
                       ListenerSettings listener,
                       ManifestLimits manifestLimits,
                       SeriesSettings series) {

    /** Listen on every interface, as monitoring servers usually do. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** The port of the HTTP API and the observe endpoints. */
    public static final int DEFAULT_PORT = 8080;
    /** Relative to the home. */
    public static final String DEFAULT_PLUGINS = "plugins";
    /** Relative to the home. */
    public static final String DEFAULT_MANIFEST = "conf/monitors.yaml";
    /** Relative to the home. */
    public static final String DEFAULT_DATA = "data";
    /** Relative to the home. */
    public static final String DEFAULT_LOGS = "logs";
    /** A repeat of the same colour within five minutes is suppressed; green always passes. */
    public static final String DEFAULT_CODE_COOLDOWN = "5m";
    /** Twelve delivery attempts per code. */
    public static final int DEFAULT_DELIVERY_ATTEMPTS = DeliverySettings.DEFAULT_ATTEMPTS;
    /** 2 s, then 4 s, 8 s, ... up to 30 m apart. */
    public static final String DEFAULT_DELIVERY_BACKOFF = "2s";
    /** The SQLite file, relative to the data folder. */
    public static final String DEFAULT_SQLITE_FILE = "cpra.db";
    /** Connections to the store. */
    public static final int DEFAULT_STORAGE_CONNECTIONS = 4;
    /** A week of history. */
    public static final String DEFAULT_RETENTION = "7d";
    /** Relative to the home. */
    public static final String DEFAULT_TOKENS_FILE = "conf/tokens";

    /**
     * Reads the settings.
     *
     * @param config the merged configuration
     * @param home   the cpra home
     * @return the settings
     * @throws io.helidon.config.ConfigException when a value has the wrong type
     */
    public static Settings from(Config config, Path home) {
        Config cpra = config.get("cpra");
        return new Settings(home,
                config.get("server.host").asString().orElse(DEFAULT_HOST),
                config.get("server.port").asInt().orElse(DEFAULT_PORT),
                resolve(home, cpra.get("plugins.folder").asString().orElse(DEFAULT_PLUGINS)),
                cpra.get("plugins.strict").asBoolean().orElse(false),
                resolve(home, cpra.get("manifest").asString().orElse(DEFAULT_MANIFEST)),
                resolve(home, cpra.get("data").asString().orElse(DEFAULT_DATA)),
                resolve(home, cpra.get("logs").asString().orElse(DEFAULT_LOGS)),
                duration(cpra.get("codes.cooldown"), DEFAULT_CODE_COOLDOWN),
                atLeastOne(cpra.get("delivery.attempts"), DEFAULT_DELIVERY_ATTEMPTS),
                duration(cpra.get("delivery.backoff"), DEFAULT_DELIVERY_BACKOFF),
                cpra.get("storage.url").asString().orElse("jdbc:sqlite:"
                        + resolve(home, cpra.get("data").asString().orElse(DEFAULT_DATA)).resolve(DEFAULT_SQLITE_FILE)),
                cpra.get("storage.user").asString().orElse(""),
                cpra.get("storage.password").asString().orElse(""),
                atLeastOne(cpra.get("storage.connections"), DEFAULT_STORAGE_CONNECTIONS),
                duration(cpra.get("storage.retention"), DEFAULT_RETENTION),
                ApiPolicy.from(cpra.get("api")),
                api(cpra.get("api")),
                resolve(home, cpra.get("api.tokens-file").asString().orElse(DEFAULT_TOKENS_FILE)),
                new HistorySettings(
                        duration(cpra.get("history.minute-retention"), Durations.format(HistorySettings.DEFAULT_MINUTES)),
                        duration(cpra.get("history.hour-retention"), Durations.format(HistorySettings.DEFAULT_HOURS)),
                        duration(cpra.get("history.day-retention"), Durations.format(HistorySettings.DEFAULT_DAYS)),
                        atLeastOne(cpra.get("history.backlog"), HistorySettings.DEFAULT_BACKLOG)),
                WebSettings.from(cpra),
                ListenerSettings.from(config.get("server"), home),
                manifestLimits(cpra.get("manifest-limits")),
                SeriesSettings.from(cpra));
    }

    private static ManifestLimits manifestLimits(Config limits) {
        ManifestLimits defaults = ManifestLimits.DEFAULTS;
        try {
            return defaults.withMaxBytes(limits.get("max-bytes").asLong().orElse(defaults.maxBytes()))
                    .withMaxScalarLength(limits.get("max-scalar-length").asInt().orElse(defaults.maxScalarLength()))
                    .withMaxAliasText(limits.get("max-alias-text").asLong().orElse(defaults.maxAliasText()));
        } catch (IllegalArgumentException e) {
            throw new io.helidon.config.ConfigException("cpra.manifest-limits: " + e.getMessage());
        }
    }

    /**
     * The store's settings.
     *
     * @return them
     */
    public StorageSettings storage() {
        return new StorageSettings(storageUrl, storageUser, storagePassword, storageConnections, Duration.ofSeconds(5));
    }

    /**
     * The control plane's settings.
     *
     * @return them
     */
    public Control.ControlSettings control() {
        return new Control.ControlSettings(home, manifest, codeCooldown, apiPolicy, manifestLimits);
    }

    private static int atLeastOne(Config key, int fallback) {
        int value = key.asInt().orElse(fallback);
        if (value < 1) {
            throw new ConfigException(key.key() + ": must be at least 1, got " + value);
        }
        return value;
    }

    /**
     * The engine's settings: its defaults with the delivery schedule from these settings.
     *
     * @return the engine settings
     */
    public EngineSettings engine() {
        EngineSettings d = EngineSettings.defaults();
        Duration max = deliveryBackoff.compareTo(DeliverySettings.DEFAULT_MAX_BACKOFF) > 0
                ? deliveryBackoff : DeliverySettings.DEFAULT_MAX_BACKOFF;
        return new EngineSettings(d.tick(), d.pulsePool(), d.interventionPool(), d.codePool(), d.resultCapacity(),
                d.commandCapacity(), d.codeTimeout(), d.delivery().withSchedule(deliveryAttempts, deliveryBackoff, max));
    }

    /** The API's settings; a blank token counts as none, so {@code CPRA_API_TOKEN=} turns writes off. */
    private static ApiSettings api(Config api) {
        String token = api.get("token").asString().map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (token != null && !token.chars().allMatch(c -> c > ' ' && c <= '~')) {
            // never quote the token: the message goes to the console and the log
            throw new ConfigException(api.get("token").key() + ": must be visible ASCII characters without spaces");
        }
        Config limits = api.get("limits");
        try {
            return new ApiSettings(token,
                    api.get("protect-reads").asBoolean().orElse(false),
                    limits.get("body").asInt().orElse(ApiSettings.DEFAULT_MAX_BODY_BYTES),
                    limits.get("string").asInt().orElse(ApiSettings.DEFAULT_MAX_STRING_LENGTH),
                    limits.get("depth").asInt().orElse(ApiSettings.DEFAULT_MAX_DEPTH));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(limits.key() + ": " + e.getMessage());
        }
    }

    private static Duration duration(Config key, String fallback) {
        String text = key.asString().orElse(fallback);
        try {
            Duration value = Durations.parse(text);
            if (value.isNegative()) {
                throw new ConfigException(key.key() + ": must not be negative, got " + text);
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.key() + ": " + e.getMessage());
        }
    }

    private static Path resolve(Path home, String path) {
        return home.resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "Settings[home=" + home + ", " + host + ":" + port + ", " + listener + ", manifest=" + manifest + ", plugins="
                + pluginsFolder + ", storage=" + storageUrl + " (password " + (storagePassword.isEmpty() ? "unset" : "set")
                + ")]";
    }
}
