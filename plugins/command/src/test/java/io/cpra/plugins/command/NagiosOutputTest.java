package io.cpra.plugins.command;

import io.cpra.plugin.api.PulseOutcome.Status;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NagiosOutputTest {

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("DISK OK", "DISK OK", "", ""),
                Arguments.of("TCP OK - 0.001 second response time on 127.0.0.1 port 22|time=0.001s;;;0.000;10.000\n",
                        "TCP OK - 0.001 second response time on 127.0.0.1 port 22", "time=0.001s;;;0.000;10.000", ""),
                Arguments.of("DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
                                + "/ 15272 MB (77%);\n"
                                + "/boot 68 MB (69%);\n"
                                + "/home 69357 MB (27%); | /boot=68MB;88;93;0;98\n"
                                + "/home=69357MB;253404;253409;0;253414\n",
                        "DISK OK - free space: / 3326 MB (56%);",
                        "/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98 /home=69357MB;253404;253409;0;253414",
                        "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);"),
                Arguments.of("", "", "", ""),
                Arguments.of("\r\nsecond line only\r\n", "", "", "second line only"),
                Arguments.of("OK | a=1 | b=2", "OK", "a=1 | b=2", ""));
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void splitsMessagePerformanceDataAndLongText(String stdout, String message, String perfData, String longText) {
        assertThat(NagiosOutput.parse(stdout)).isEqualTo(new NagiosOutput(message, perfData, longText));
    }

    @ParameterizedTest(name = "exit {0} is {1}")
    @CsvSource({"0, OK", "1, WARNING", "2, CRITICAL", "3, UNKNOWN", "4, UNKNOWN", "127, UNKNOWN", "137, UNKNOWN", "-1, UNKNOWN"})
    void exitCodesFollowTheConvention(int exitCode, Status status) {
        assertThat(NagiosOutput.status(exitCode)).isEqualTo(status);
    }

    @Property
    void messageAndPerformanceDataComeBackFromTheFirstLine(@ForAll @StringLength(max = 200) String message,
                                                           @ForAll String perfData) {
        Assume.that(message.indexOf('|') < 0 && message.indexOf('\n') < 0 && message.indexOf('\r') < 0);
        Assume.that(perfData.indexOf('\n') < 0 && perfData.indexOf('\r') < 0);

        NagiosOutput output = NagiosOutput.parse(message + "|" + perfData + "\n");

        assertThat(output.message()).isEqualTo(message.strip());
        assertThat(output.perfData()).isEqualTo(perfData.strip());
        assertThat(output.longText()).isEmpty();
    }

    @Property
    void theMessageNeverHoldsABarOrALineBreak(@ForAll String stdout) {
        NagiosOutput output = NagiosOutput.parse(stdout);

        assertThat(output.message()).doesNotContain("|", "\n", "\r");
        assertThat(output.message().length()).isLessThanOrEqualTo(NagiosOutput.MAX_MESSAGE);
        assertThat(output.perfData()).doesNotContain("\n", "\r");
    }
}
