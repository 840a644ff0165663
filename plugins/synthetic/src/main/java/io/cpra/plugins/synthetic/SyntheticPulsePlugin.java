package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code synthetic} pulse: a check that touches nothing, takes a time drawn from a latency
 * distribution and fails at a given rate. For tests, benchmarks and load tests; not for
 * monitoring anything real.
 *
 * <p>{@code misbehave} makes it break the plugin contract on purpose, to prove the platform
 * copes: {@code hang} ignores the deadline and interruption for {@code hang_for};
 * {@code throw} throws instead of returning an outcome.
 *
 * <p>Monitors with equal settings share one prepared check, as a million of them would.
 */
public final class SyntheticPulsePlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR;

    static {
        List<ConfigKey> keys = new ArrayList<>(Latency.KEYS);
        keys.add(FailureRate.key("checks"));
        keys.add(ConfigKey.optional("misbehave", ValueType.STRING, "none",
                "none, hang (ignore the deadline and interrupts) or throw (throw instead of answering)"));
        keys.add(ConfigKey.optional("hang_for", ValueType.DURATION, "1h", "how long a hanging check hangs"));
        DESCRIPTOR = PluginDescriptor.of("synthetic",
                "Synthetic check with configurable latency and failure rate, for tests and benchmarks", keys);
    }

    private final Map<SyntheticCheck, SyntheticCheck> shared = new ConcurrentHashMap<>();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        String misbehave = config.string("misbehave", "none").toLowerCase(Locale.ROOT);
        SyntheticCheck.Misbehaviour misbehaviour = switch (misbehave) {
            case "none" -> SyntheticCheck.Misbehaviour.NONE;
            case "hang" -> SyntheticCheck.Misbehaviour.HANG;
            case "throw" -> SyntheticCheck.Misbehaviour.THROW;
            default -> throw config.error("misbehave", "expected none, hang or throw, got \"" + misbehave + "\"");
        };
        Duration hangFor = config.duration("hang_for", Duration.ofHours(1));
        if (hangFor.isNegative() || hangFor.isZero()) {
            throw config.error("hang_for", "must be positive");
        }
        SyntheticCheck check = new SyntheticCheck(Latency.from(config), FailureRate.from(config), misbehaviour,
                hangFor.toNanos());
        return shared.computeIfAbsent(check, c -> c);
    }
}
