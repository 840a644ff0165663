package io.cpra.plugin.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "-0, 0",
            "300ms, 300000000",
            "1.5s, 1500000000",
            "2h45m, 9900000000000",
            "1d, 86400000000000",
            "250us, 250000",
            "250µs, 250000",
            "7ns, 7",
            "-1m, -60000000000",
            "+5s, 5000000000",
            "' 10s ', 10000000000",
            ".5s, 500000000",
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''       | it is empty",
            "-        | a number is missing",
            "5        | the unit is missing after 5 (use ns, us, ms, s, m, h or d)",
            "5w       | unknown unit \"w\" (use ns, us, ms, s, m, h or d)",
            "s        | expected a number at \"s\"",
            "1..2s    | \"1..2\" is not a number",
            "999999999999d | it is too long",
    })
    void saysWhyATextIsNotADuration(String text, String why) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a duration: " + why);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0s",
            "90000000000, 1m30s",
            "1500000000, 1s500ms",
            "250000, 250us",
            "90061001001001, 1d1h1m1s1ms1us1ns",
            "-5000000000, -5s",
    })
    void formatsReadably(long nanos, String text) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @Property
    void whatIsFormattedParsesBack(@ForAll @LongRange(min = -Long.MAX_VALUE, max = Long.MAX_VALUE) long nanos) {
        Duration duration = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
