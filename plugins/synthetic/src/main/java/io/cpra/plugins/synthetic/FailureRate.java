package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.ValueType;

import java.util.random.RandomGenerator;

/** The share of calls that fail, between 0 and 1. */
record FailureRate(double rate) {

    static ConfigKey key(String what) {
        return ConfigKey.optional("failure_rate", ValueType.NUMBER, "0", "share of " + what + " that fail, 0 to 1");
    }

    static FailureRate from(PluginConfig config) {
        double rate = config.number("failure_rate", 0);
        if (!(rate >= 0 && rate <= 1)) {
            throw config.error("failure_rate", "must be between 0 and 1, got " + rate);
        }
        return new FailureRate(rate);
    }

    boolean fails(RandomGenerator random) {
        return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
    }
}
