package io.cpra.core.engine;

import io.cpra.plugin.api.Durations;

import java.time.Duration;

/** Renders a nanosecond span for messages: {@code 3s}, {@code 250ms}. */
final class Millis {

    private Millis() {
    }

    static String text(long nanos) {
        return Durations.format(Duration.ofMillis(Math.max(0, nanos) / 1_000_000));
    }
}
