package io.cpra.core.http;

import io.cpra.core.plugin.PluginEntry;
import io.cpra.core.plugin.PluginFamily;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

import java.nio.file.Path;
import java.util.List;

/**
 * Two pulse types for the API's change routes: {@code flag}, whose check answers as its
 * {@code up} key says, and {@code command}, named like the bundled type that runs local programs
 * (the API may only define it when allowed); it never runs anything.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    static PluginRegistry registry() {
        return PluginRegistry.of(List.of(entry(new Flag()), entry(new Command()), entry(new Gate()),
                new PluginEntry(PluginFamily.CODE, new Note().descriptor(), "test.plugins", "1.0",
                        Path.of("plugins", "note.jar"), new Note())));
    }

    /**
     * A pulse whose prepare waits until a test opens the gate: a manifest read that takes as
     * long as the test wants, without a clock.
     */
    static final class Gate implements PulsePlugin {
        static final java.util.concurrent.CountDownLatch ENTERED = new java.util.concurrent.CountDownLatch(1);
        static final java.util.concurrent.CountDownLatch OPEN = new java.util.concurrent.CountDownLatch(1);

        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("gate", "prepares once a test opens the gate");
        }

        @Override
        public PulseCheck prepare(PluginConfig config, PluginContext context) {
            ENTERED.countDown();
            try {
                if (!OPEN.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw config.error("", "the gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw config.error("", "interrupted");
            }
            return deadline -> PulseOutcome.ok("through the gate");
        }
    }

    /** A code plugin that accepts every alert and keeps nothing. */
    static final class Note implements io.cpra.plugin.api.CodePlugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("note", "accepts every alert",
                    ConfigKey.optional("file", ValueType.STRING, null, "ignored"));
        }

        @Override
        public io.cpra.plugin.api.Notifier prepare(PluginConfig config, PluginContext context) {
            return new io.cpra.plugin.api.Notifier() {
                @Override
                public io.cpra.plugin.api.DeliveryOutcome deliver(io.cpra.plugin.api.Alert alert,
                                                                  io.cpra.plugin.api.Deadline deadline) {
                    return io.cpra.plugin.api.DeliveryOutcome.delivered("noted");
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static PluginEntry entry(PulsePlugin plugin) {
        return new PluginEntry(PluginFamily.PULSE, plugin.descriptor(), "test.plugins", "1.0",
                Path.of("plugins", plugin.descriptor().type() + ".jar"), plugin);
    }

    static final class Flag implements PulsePlugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("flag", "answers as its up key says",
                    ConfigKey.optional("up", ValueType.BOOLEAN, "true", "whether checks pass"));
        }

        @Override
        public PulseCheck prepare(PluginConfig config, PluginContext context) {
            boolean up = config.bool("up", true);
            return deadline -> up ? PulseOutcome.ok("up") : PulseOutcome.critical("down");
        }
    }

    static final class Command implements PulsePlugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("command", "stands in for the command type; runs nothing",
                    ConfigKey.required("path", ValueType.STRING, "the program"));
        }

        @Override
        public PulseCheck prepare(PluginConfig config, PluginContext context) {
            config.string("path");
            return deadline -> PulseOutcome.ok("not run");
        }
    }
}
