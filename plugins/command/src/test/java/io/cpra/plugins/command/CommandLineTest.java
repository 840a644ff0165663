package io.cpra.plugins.command;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("check_tcp -H db -p 5432", List.of("check_tcp", "-H", "db", "-p", "5432")),
                Arguments.of("  spaced \t out  ", List.of("spaced", "out")),
                Arguments.of("echo 'a b' \"c d\"", List.of("echo", "a b", "c d")),
                Arguments.of("echo 'it''s'", List.of("echo", "its")),
                Arguments.of("echo \"say \\\"hi\\\" \\$HOME \\n\"", List.of("echo", "say \"hi\" $HOME \\n")),
                Arguments.of("echo a\\ b", List.of("echo", "a b")),
                Arguments.of("echo '' x", List.of("echo", "", "x")),
                Arguments.of("echo $HOME *.log | wc", List.of("echo", "$HOME", "*.log", "|", "wc")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsLikeAShellWithoutExpanding(String line, List<String> words) {
        assertThat(CommandLine.split(line)).isEqualTo(words);
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'open", "echo \"open", "echo trailing\\"})
    void rejectsUnfinishedLines(String line) {
        assertThatThrownBy(() -> CommandLine.split(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void joinedWordsSplitBackToThemselves(@ForAll @Size(max = 6) List<@StringLength(max = 12) String> words) {
        assertThat(CommandLine.split(CommandLine.join(words))).isEqualTo(words);
    }
}
