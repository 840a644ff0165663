package io.cpra.plugins.docker;

import io.cpra.plugin.api.PluginConfig;

import java.util.Locale;

/** What the {@code docker} intervention does to its container. */
enum Operation {
    /** {@code POST /containers/{name}/restart?t=<timeout>}: stop (waiting up to the timeout), then start. */
    RESTART,
    /** {@code POST /containers/{name}/start}: for containers that exited; a running one is left alone. */
    START,
    /** Kill with the configured signal (a stopped container is fine), then start. */
    KILL_START;

    static Operation of(PluginConfig config, String key) {
        String word = config.string(key, "restart").strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Operation operation : values()) {
            if (operation.name().toLowerCase(Locale.ROOT).equals(word)) {
                return operation;
            }
        }
        throw config.error(key, "expected restart, start or kill_start, got \"" + config.string(key) + "\"");
    }
}
