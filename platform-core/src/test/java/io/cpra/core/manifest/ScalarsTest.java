package io.cpra.core.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Plain scalars resolve by the YAML 1.2 core schema; quoting and tags decide the rest. */
class ScalarsTest {

    static Stream<Arguments> plain() {
        return Stream.of(
                arguments("42", Node.Kind.INTEGER, 42),
                arguments("-7", Node.Kind.INTEGER, -7),
                arguments("+7", Node.Kind.INTEGER, 7),
                arguments("0o17", Node.Kind.INTEGER, 15),
                arguments("0x1F", Node.Kind.INTEGER, 31),
                arguments("4294967296", Node.Kind.INTEGER, 4_294_967_296L),
                arguments("99999999999999999999", Node.Kind.INTEGER, new BigInteger("99999999999999999999")),
                arguments("1.5", Node.Kind.FLOAT, 1.5),
                arguments("1e3", Node.Kind.FLOAT, 1000.0),
                arguments(".5", Node.Kind.FLOAT, 0.5),
                arguments("-.inf", Node.Kind.FLOAT, Double.NEGATIVE_INFINITY),
                arguments("true", Node.Kind.BOOLEAN, true),
                arguments("FALSE", Node.Kind.BOOLEAN, false),
                arguments("~", Node.Kind.NULL, null),
                arguments("null", Node.Kind.NULL, null),
                arguments("", Node.Kind.NULL, null),
                arguments("yes", Node.Kind.STRING, "yes"),
                arguments("0x", Node.Kind.STRING, "0x"),
                arguments("1.2.3", Node.Kind.STRING, "1.2.3"),
                arguments("5s", Node.Kind.STRING, "5s"),
                arguments("nulls", Node.Kind.STRING, "nulls"),
                arguments("-", Node.Kind.STRING, "-"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("plain")
    void plainScalarsResolve(String text, Node.Kind kind, Object value) {
        Node.Scalar scalar = Scalars.resolve(1, 1, text, true, null);
        assertThat(scalar.kind).isEqualTo(kind);
        assertThat(scalar.value).isEqualTo(value);
        assertThat(scalar.text).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"42", "true", "~", "yes"})
    void quotedScalarsAreText(String text) {
        Node.Scalar scalar = Scalars.resolve(1, 1, text, false, null);
        assertThat(scalar.kind).isEqualTo(Node.Kind.STRING);
        assertThat(scalar.value).isEqualTo(text);
        assertThat(Scalars.yaml11Boolean(scalar)).isNull();
    }

    @ParameterizedTest(name = "!!{1} {0}")
    @CsvSource({"42,str,STRING", "42,int,INTEGER", "42,float,FLOAT", "true,bool,BOOLEAN", "~,null,NULL", "x,!,STRING"})
    void explicitTags(String text, String tag, Node.Kind kind) {
        String full = tag.equals("!") ? "!" : Scalars.TAG_PREFIX + tag;
        assertThat(Scalars.resolve(1, 1, text, false, full).kind).isEqualTo(kind);
    }

    @ParameterizedTest(name = "!!{1} {0}")
    @CsvSource({"x,int", "1.5,int", "yes,bool", "x,binary", "x,!custom"})
    void tagsThatDoNotFitAreRefused(String text, String tag) {
        String full = tag.startsWith("!") ? tag : Scalars.TAG_PREFIX + tag;
        assertThat(Scalars.resolve(1, 1, text, false, full)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"yes,true", "Yes,true", "ON,true", "no,false", "Off,false", "true,true", "False,false"})
    void manifestBooleansAcceptYaml11Words(String text, boolean value) {
        assertThat(Scalars.yaml11Boolean(Scalars.resolve(1, 1, text, true, null))).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"y", "n", "yess", "1", "enabled"})
    void otherWordsAreNotBooleans(String text) {
        assertThat(Scalars.yaml11Boolean(Scalars.resolve(1, 1, text, true, null))).isNull();
    }
}
