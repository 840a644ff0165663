package io.cpra.plugins.examplecheck;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code file} pulse: healthy while a file exists, was modified within {@code max_age}
 * and holds at least {@code min_size} bytes. Useful for batch jobs that touch a marker file,
 * backups, and anything else that proves it ran by writing somewhere.
 *
 * <pre>{@code
 * pulse_check:
 *   type: file
 *   interval: 1m
 *   config:
 *     path: /var/backups/nightly.tar.gz
 *     max_age: 26h
 *     min_size: 1048576
 * }</pre>
 */
public final class FileCheckPlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "file",
            "A file exists, was modified recently enough and is large enough (example plugin)",
            ConfigKey.required("path", ValueType.STRING,
                    "the file to check; relative paths resolve against the cpra home")
                    .withRoles(KeyRole.READ_PATH),
            ConfigKey.optional("max_age", ValueType.DURATION, null,
                    "fail when the file was last modified longer ago than this"),
            ConfigKey.optional("min_size", ValueType.INTEGER, "0",
                    "fail when the file holds fewer bytes than this"));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        Path path = context.resolve(config.string("path"));
        Duration maxAge = config.duration("max_age", null);
        if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
            throw config.error("max_age", "must be positive, got " + config.string("max_age"));
        }
        int minSize = config.integer("min_size", 0);
        if (minSize < 0) {
            throw config.error("min_size", "must not be negative, got " + minSize);
        }
        return new FileCheck(path, maxAge, minSize);
    }
}
