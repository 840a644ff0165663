package io.cpra.plugins.network;

import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.PluginConfig;

import java.time.Duration;

/** Value checks the network plugins share when preparing. No instances. */
final class Keys {

    private Keys() {
    }

    /** An optional duration that must be positive when present; null when absent. */
    static Duration positive(PluginConfig config, String key) {
        Duration value = config.duration(key, null);
        if (value != null && (value.isZero() || value.isNegative())) {
            throw config.error(key, "must be positive, got " + Durations.format(value));
        }
        return value;
    }

    /** An optional whole number within {@code min..max}. */
    static int within(PluginConfig config, String key, int fallback, int min, int max) {
        int value = config.integer(key, fallback);
        if (value < min || value > max) {
            throw config.error(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A required host name or IP address: not blank, no spaces, no scheme. */
    static String host(PluginConfig config) {
        String host = config.string("host").strip();
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace) || host.contains("/")) {
            throw config.error("host", "expected a host name or IP address, got \"" + host + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }
}
