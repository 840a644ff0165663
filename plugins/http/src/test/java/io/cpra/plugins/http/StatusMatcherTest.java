package io.cpra.plugins.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusMatcherTest {

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "200;        200; true",
            "200;        201; false",
            "2xx;        299; true",
            "2XX;        204; true",
            "2xx;        300; false",
            "200-204;    204; true",
            "200-204;    205; false",
            "200, 3xx;   301; true",
            "200,3xx;    404; false",
            "100-599;    100; true",
            "5xx;        599; true",
            "2xx;        600; false",
            "2xx;        99;  false"})
    void acceptsWhatTheRulesSay(String rules, int code, boolean accepted) {
        assertThat(StatusMatcher.parse(List.of(rules)).matches(code)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ok", "20", "2000", "6xx", "0xx", "299-200", "99", "600", "200-", "-200", "200,,201"})
    void rejectsMalformedRules(String rule) {
        assertThatThrownBy(() -> StatusMatcher.parse(List.of(rule))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aClassAcceptsExactlyItsHundred(@ForAll @IntRange(min = 1, max = 5) int klass,
                                        @ForAll @IntRange(min = 0, max = 700) int code) {
        StatusMatcher matcher = StatusMatcher.parse(List.of(klass + "xx"));

        assertThat(matcher.matches(code)).isEqualTo(code / 100 == klass);
    }

    @Property
    void aRangeAcceptsExactlyItsCodes(@ForAll @IntRange(min = 100, max = 599) int a,
                                      @ForAll @IntRange(min = 100, max = 599) int b,
                                      @ForAll @IntRange(min = 0, max = 700) int code) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);

        StatusMatcher matcher = StatusMatcher.parse(List.of(low + "-" + high));

        assertThat(matcher.matches(code)).isEqualTo(code >= low && code <= high);
    }

    @Property
    void equalSetsAreEqualHoweverWritten(@ForAll @IntRange(min = 1, max = 5) int klass) {
        int low = klass * 100;
        StatusMatcher asClass = StatusMatcher.parse(List.of(klass + "xx"));
        StatusMatcher asRange = StatusMatcher.parse(List.of(low + "-" + (low + 99)));

        assertThat(asClass).isEqualTo(asRange).hasSameHashCodeAs(asRange);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"2xx; 2xx", "200 ,3XX; 200, 3xx"})
    void describesItselfAsWritten(String rules, String text) {
        assertThat(StatusMatcher.parse(List.of(rules))).hasToString(text);
    }
}
