package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code synthetic} intervention: does nothing, takes a time drawn from a latency
 * distribution and fails at a given rate. For tests and benchmarks.
 */
public final class SyntheticInterventionPlugin implements InterventionPlugin {

    private static final PluginDescriptor DESCRIPTOR;

    static {
        var keys = new ArrayList<>(Latency.KEYS);
        keys.add(FailureRate.key("attempts"));
        DESCRIPTOR = PluginDescriptor.of("synthetic",
                "Synthetic remediation with configurable latency and failure rate, for tests and benchmarks", keys);
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Intervention prepare(PluginConfig config, PluginContext context) {
        return new SyntheticIntervention(Latency.from(config), FailureRate.from(config));
    }

    private record SyntheticIntervention(Latency latency, FailureRate failures) implements Intervention {
        @Override
        public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) throws InterruptedException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            latency.pause(random);
            return failures.fails(random)
                    ? InterventionOutcome.failed("synthetic attempt " + request.attempt() + " failed")
                    : InterventionOutcome.succeeded("synthetic attempt " + request.attempt() + " succeeded");
        }
    }
}
