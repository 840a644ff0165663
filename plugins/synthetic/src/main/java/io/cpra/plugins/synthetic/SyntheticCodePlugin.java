package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code synthetic} code: delivers nowhere, takes a time drawn from a latency distribution
 * and fails (retryably) at a given rate. For tests and benchmarks of the code pipeline.
 */
public final class SyntheticCodePlugin implements CodePlugin {

    private static final PluginDescriptor DESCRIPTOR;

    static {
        var keys = new ArrayList<>(Latency.KEYS);
        keys.add(FailureRate.key("deliveries"));
        keys.add(ConfigKey.optional("destination", ValueType.STRING, "synthetic",
                "the destination name, which groups deliveries under one circuit breaker"));
        DESCRIPTOR = PluginDescriptor.of("synthetic",
                "Synthetic notifier with configurable latency and failure rate, for tests and benchmarks", keys);
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        return new SyntheticNotifier(Latency.from(config), FailureRate.from(config),
                config.string("destination", "synthetic"));
    }

    private record SyntheticNotifier(Latency latency, FailureRate failures, String destination) implements Notifier {
        @Override
        public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            latency.pause(random);
            return failures.fails(random)
                    ? DeliveryOutcome.retry("synthetic delivery of " + alert.id() + " failed")
                    : DeliveryOutcome.delivered("synthetic delivery of " + alert.id());
        }
    }
}
