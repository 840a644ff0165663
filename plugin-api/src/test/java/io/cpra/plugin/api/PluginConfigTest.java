package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginConfigTest {

    private static PluginConfig config(Map<String, ?> values) {
        return PluginConfig.of("checkout-api", "pulse_check.config", values);
    }

    @Test
    void aSecretOfTheWrongShapeIsDescribedNeverQuoted() {
        List<ConfigKey> declared = List.of(
                ConfigKey.optional("headers", ValueType.MAP, null, "headers").withRoles(KeyRole.SECRET),
                ConfigKey.optional("password", ValueType.STRING, null, "password").withRoles(KeyRole.SECRET),
                ConfigKey.optional("label", ValueType.MAP, null, "not a secret"));
        PluginConfig config = config(Map.of("headers", "Bearer t0ken-value", "password", List.of("hunter2-pass"),
                "label", "shown-as-is"));

        List<ConfigException> problems = config.check(declared);

        assertThat(problems).extracting(ConfigException::getMessage)
                .anySatisfy(m -> assertThat(m).contains("headers: expected a map of keys and values, got a text (not shown: the key is secret)"))
                .anySatisfy(m -> assertThat(m).contains("password: expected a text value, got a list"))
                .anySatisfy(m -> assertThat(m).contains("\"shown-as-is\""))
                .noneSatisfy(m -> assertThat(m).contains("t0ken-value"))
                .noneSatisfy(m -> assertThat(m).contains("hunter2-pass"));
    }

    @Test
    void textValuesAreAnyScalarReadAsText() {
        PluginConfig config = config(Map.of("host", "db", "port", 5432, "tls", true));

        assertThat(config.string("host")).isEqualTo("db");
        assertThat(config.string("port")).isEqualTo("5432");
        assertThat(config.string("tls")).isEqualTo("true");
        assertThat(config.string("absent", "fallback")).isEqualTo("fallback");
        assertThat(config.optionalString("absent")).isEmpty();
        assertThatThrownBy(() -> config.string("absent"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"checkout-api\": pulse_check.config.absent: required key is missing");
        assertThatThrownBy(() -> config(Map.of("host", List.of("a"))).string("host"))
                .hasMessage("monitor \"checkout-api\": pulse_check.config.host: expected a text value, got a list");
    }

    @Test
    void wholeNumbersComeFromNumbersOrTheirTextWithinTheIntRange() {
        PluginConfig config = config(Map.of("a", 8080, "b", "42", "c", 7L, "d", new BigInteger("12"),
                "e", 2.0, "f", 2.5, "g", "3000000000", "h", "many"));

        assertThat(config.integer("a")).isEqualTo(8080);
        assertThat(config.integer("b")).isEqualTo(42);
        assertThat(config.integer("c", 0)).isEqualTo(7);
        assertThat(config.integer("d")).isEqualTo(12);
        assertThat(config.integer("e")).isEqualTo(2);
        assertThat(config.integer("absent", 9)).isEqualTo(9);
        assertThatThrownBy(() -> config.integer("f")).hasMessageEndingWith("f: expected a whole number, got 2.5");
        assertThatThrownBy(() -> config.integer("g"))
                .hasMessageEndingWith("g: expected a whole number between -2147483648 and 2147483647, got 3000000000");
        assertThatThrownBy(() -> config.integer("h")).hasMessageEndingWith("h: expected a whole number, got \"many\"");
        assertThatThrownBy(() -> config.integer("absent")).hasMessageEndingWith("absent: required key is missing");
    }

    @Test
    void numbersAndBooleans() {
        PluginConfig config = config(Map.of("ratio", 0.25, "text", "1.5", "big", new BigDecimal("2.75"),
                "nan", Double.NaN, "yes", "yes", "off", "OFF", "flag", false, "maybe", "perhaps"));

        assertThat(config.number("ratio", 0)).isEqualTo(0.25);
        assertThat(config.number("text", 0)).isEqualTo(1.5);
        assertThat(config.number("big", 0)).isEqualTo(2.75);
        assertThat(config.number("absent", 3)).isEqualTo(3);
        assertThatThrownBy(() -> config.number("nan", 0)).hasMessageEndingWith("nan: expected a number, got NaN");
        assertThat(config.bool("yes", false)).isTrue();
        assertThat(config.bool("off", true)).isFalse();
        assertThat(config.bool("flag", true)).isFalse();
        assertThat(config.bool("absent", true)).isTrue();
        assertThatThrownBy(() -> config.bool("maybe", false))
                .hasMessageEndingWith("maybe: expected true or false, got \"perhaps\"");
    }

    @Test
    void durationsUseGoSyntaxAndNameTheKeyWhenWrong() {
        PluginConfig config = config(Map.of("timeout", "1m30s", "bare", 5, "bad", "5 parsecs"));

        assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration("absent", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> config.duration("bare"))
                .hasMessageEndingWith("bare: expected a duration such as 500ms, 5s or 1h30m, got 5");
        assertThatThrownBy(() -> config.duration("bad"))
                .hasMessageContaining("pulse_check.config.bad: \"5 parsecs\" is not a duration");
        assertThatThrownBy(() -> config.duration("absent")).hasMessageEndingWith("absent: required key is missing");
    }

    @Test
    void listsOfScalarsNameTheItemAtFault() {
        PluginConfig config = config(Map.of("one", "a", "many", List.of("a", 2, true), "bad", List.of("a", Map.of())));

        assertThat(config.strings("one")).containsExactly("a");
        assertThat(config.strings("many")).containsExactly("a", "2", "true");
        assertThat(config.strings("absent")).isEmpty();
        assertThatThrownBy(() -> config.strings("bad"))
                .hasMessageEndingWith("pulse_check.config.bad[1]: expected a text value, got a map");
    }

    @Test
    void nestedMapsKeepTheirPathForErrors() {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("verify", "maybe");
        tls.put("ca", "conf/ca.pem");
        PluginConfig config = config(Map.of("tls", tls, "headers", Map.of("Accept", "text/plain", "X-Try", 3),
                "steps", List.of(Map.of("url", "http://a"), "not a map"), "scalar", "x"));

        PluginConfig nested = config.section("tls");
        assertThat(nested.path()).isEqualTo("pulse_check.config.tls");
        assertThat(nested.monitor()).isEqualTo("checkout-api");
        assertThat(nested.string("ca")).isEqualTo("conf/ca.pem");
        assertThatThrownBy(() -> nested.bool("verify", true))
                .hasMessageEndingWith("pulse_check.config.tls.verify: expected true or false, got \"maybe\"");
        assertThat(config.stringMap("headers")).containsOnly(Map.entry("Accept", "text/plain"), Map.entry("X-Try", "3"));
        assertThat(config.stringMap("absent")).isEmpty();
        assertThat(config.optionalSection("absent")).isEmpty();
        assertThatThrownBy(() -> config.section("scalar"))
                .hasMessageEndingWith("scalar: expected a map of keys and values, got \"x\"");
        assertThatThrownBy(() -> config.sections("steps"))
                .hasMessageEndingWith("pulse_check.config.steps[1]: expected a map of keys and values, got \"not a map\"");
        assertThat(config.sections("absent")).isEmpty();
        assertThatThrownBy(() -> config.sections("scalar")).hasMessageEndingWith("scalar: expected a list of maps, got \"x\"");
    }

    @Test
    void nullValuesCountAsAbsentAndRawReturnsWhatYamlGave() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("empty", null);
        values.put("any", List.of(1, 2));
        PluginConfig config = config(values);

        assertThat(config.keys()).containsExactly("empty", "any");
        assertThat(config.has("empty")).isFalse();
        assertThat(config.string("empty", "d")).isEqualTo("d");
        assertThat(config.raw("any")).contains(List.of(1, 2));
        assertThat(config.raw("empty")).isEmpty();
        assertThat(config.pathOf("url")).isEqualTo("pulse_check.config.url");
        assertThat(PluginConfig.of(Map.of()).pathOf("url")).isEqualTo("url");
        assertThat(config.error("", "whole block").path()).isEqualTo("pulse_check.config");
    }

    @Test
    void checkReportsUnknownKeysWithASuggestionMissingKeysAndWrongShapesInKeyOrder() {
        List<ConfigKey> declared = List.of(
                ConfigKey.required("url", ValueType.STRING, "the URL"),
                ConfigKey.optional("timeout", ValueType.DURATION, "5s", "how long"),
                ConfigKey.optional("retries", ValueType.INTEGER, "0", "how often"),
                ConfigKey.optional("codes", ValueType.LIST, null, "accepted codes"),
                ConfigKey.optional("tls", ValueType.MAP, null, "TLS")
                        .withChildren(ConfigKey.optional("verify", ValueType.BOOLEAN, "true", "verify")),
                ConfigKey.optional("extra", ValueType.ANY, null, "anything"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("timout", "5s");
        values.put("retries", "often");
        values.put("codes", List.of(200, List.of()));
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("verify", "sure");
        tls.put("ciphers", "all");
        values.put("tls", tls);
        values.put("extra", Map.of("x", 1));

        List<ConfigException> problems = config(values).check(declared);

        assertThat(problems).extracting(ConfigException::path).containsExactly(
                "pulse_check.config.timout", "pulse_check.config.retries", "pulse_check.config.codes[1]",
                "pulse_check.config.tls.verify", "pulse_check.config.tls.ciphers", "pulse_check.config.url");
        assertThat(problems.get(0).reason())
                .isEqualTo("unknown key (did you mean \"timeout\"?); accepted keys: url, timeout, retries, codes, tls, extra");
        assertThat(problems.get(1).reason()).isEqualTo("expected a whole number, got \"often\"");
        assertThat(problems.get(5).reason()).isEqualTo("required key is missing");
        assertThat(config(Map.of("url", "http://a", "codes", "200")).check(declared)).isEmpty();
    }

    @Test
    void aSecretMayComeFromTheEnvironmentAndErrorsNameTheVariableNotTheValue() {
        PluginConfig.Builder builder = PluginConfig.builder(Map.of("password_env", " SMTP_PASSWORD "))
                .monitor("m").path("codes.red.config");
        PluginConfig config = builder.environment(Map.of("SMTP_PASSWORD", "s3cret")::get).build();

        assertThat(config.string("password")).isEqualTo("s3cret");
        assertThat(config.has("password")).isTrue();
        PluginConfig unset = builder.environment(name -> null).build();
        assertThatThrownBy(() -> unset.string("password"))
                .hasMessage("monitor \"m\": codes.red.config.password_env: environment variable SMTP_PASSWORD is not set or empty");
        PluginConfig blank = PluginConfig.builder(Map.of("password_env", "")).environment(name -> "x").build();
        assertThatThrownBy(() -> blank.optionalString("password"))
                .hasMessage("password_env: must name an environment variable");
    }

    @Test
    void aSecretMayComeFromAFileRelativeToTheBaseDirectoryWithoutTrailingLineBreaks(
            @TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/token"), "t0ken with spaces \r\n\n");
        Files.writeString(home.resolve("conf/empty"), "\n");
        PluginConfig.Builder builder = PluginConfig.builder(Map.of("token_file", "conf/token")).baseDirectory(home);

        assertThat(builder.build().string("token")).isEqualTo("t0ken with spaces ");
        assertThatThrownBy(() -> PluginConfig.builder(Map.of("token_file", "conf/missing")).baseDirectory(home).build()
                .string("token"))
                .hasMessage("token_file: file " + home.resolve("conf/missing") + " does not exist");
        assertThatThrownBy(() -> PluginConfig.builder(Map.of("token_file", "conf/empty")).baseDirectory(home).build()
                .string("token"))
                .hasMessage("token_file: file " + home.resolve("conf/empty") + " is empty");
    }

    @Test
    void aSecretGivenTwiceIsRefusedByTheAccessorAndByTheCheck() {
        ConfigKey key = ConfigKey.optional("routing_key", ValueType.STRING, null, "key").withRoles(KeyRole.SECRET);
        PluginConfig config = config(Map.of("routing_key", "inline-value", "routing_key_env", "PD_KEY"));

        assertThatThrownBy(() -> config.string("routing_key"))
                .hasMessageEndingWith("pulse_check.config.routing_key_env: set only one of routing_key, routing_key_env "
                        + "and routing_key_file; routing_key and routing_key_env are both set")
                .hasMessageNotContaining("inline-value");
        assertThat(config.check(List.of(key))).extracting(ConfigException::path)
                .containsExactly("pulse_check.config.routing_key_env");
    }

    @Test
    void checkAcceptsEnvAndFileFormsOnlyForSecretTextKeysAndTheySatisfyRequired() {
        List<ConfigKey> declared = List.of(
                ConfigKey.required("password", ValueType.STRING, "p").withRoles(KeyRole.SECRET),
                ConfigKey.optional("user", ValueType.STRING, null, "u"));

        assertThat(config(Map.of("password_env", "P")).check(declared)).isEmpty();
        assertThat(config(Map.of("password_file", "conf/p")).check(declared)).isEmpty();
        assertThat(config(Map.of("password_env", List.of())).check(declared)).extracting(ConfigException::reason)
                .containsExactly("expected a text value, got a list");
        assertThat(config(Map.of("password", "x", "user_env", "U")).check(declared))
                .extracting(ConfigException::path).containsExactly("pulse_check.config.user_env");
        assertThat(config(Map.of()).check(declared)).extracting(ConfigException::path)
                .containsExactly("pulse_check.config.password");
    }

    @Test
    void aViewNamesItsKeysButNeverItsValues() {
        PluginConfig config = config(Map.of("password", "s3cret"));

        assertThat(config.toString()).isEqualTo("PluginConfig[pulse_check.config keys=[password]]");
    }

    @Test
    void theViewIsACopy() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", "1");
        PluginConfig config = config(values);
        values.put("a", "2");

        assertThat(config.string("a")).isEqualTo("1");
        assertThatThrownBy(() -> config.keys().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
