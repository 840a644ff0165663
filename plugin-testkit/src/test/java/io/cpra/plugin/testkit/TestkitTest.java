package io.cpra.plugin.testkit;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestkitTest {

    /** A plugin that needs a port and refuses port 0 in prepare. */
    private static final PulsePlugin PORTS = new PulsePlugin() {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("ports", "test",
                    ConfigKey.required("port", ValueType.INTEGER, "the port").withRoles(KeyRole.TARGET_PORT),
                    ConfigKey.optional("token", ValueType.STRING, null, "t").withRoles(KeyRole.SECRET));
        }

        @Override
        public PulseCheck prepare(PluginConfig config, PluginContext context) {
            int port = config.integer("port");
            if (port == 0) {
                throw config.error("port", "must not be 0");
            }
            String token = config.string("token", "");
            return deadline -> PulseOutcome.ok(context.monitor() + ":" + port + ":" + token);
        }
    };

    @Test
    void yamlBlocksReadAsManifestsAreRead() {
        PluginConfig config = TestConfigs.yaml("""
                url: http://127.0.0.1/health
                timeout: 2s
                retries: 3
                headers:
                  Accept: text/plain
                codes: [200, 204]
                """).monitor("m").path("pulse_check.config").build();

        assertThat(config.keys()).containsExactly("url", "timeout", "retries", "headers", "codes");
        assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.integer("retries")).isEqualTo(3);
        assertThat(config.stringMap("headers")).containsExactly(Map.entry("Accept", "text/plain"));
        assertThat(config.strings("codes")).containsExactly("200", "204");
        assertThat(config.pathOf("url")).isEqualTo("pulse_check.config.url");
        assertThat(TestConfigs.yaml("").build().keys()).isEmpty();
        assertThatThrownBy(() -> TestConfigs.yaml("- a\n- b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairsAndMapsBuildTheSameBlock() {
        assertThat(TestConfigs.of("a", 1, "b", "x").build().keys()).containsExactly("a", "b");
        assertThat(TestConfigs.map(Map.of("a", 1)).build().integer("a")).isEqualTo(1);
        assertThatThrownBy(() -> TestConfigs.of("a")).hasMessageContaining("pairs");
        assertThatThrownBy(() -> TestConfigs.of(1, "a")).hasMessageContaining("must be a key");
    }

    @Test
    void prepareChecksTheBlockFirstAsThePlatformDoes() throws InterruptedException {
        PulseCheck check = PluginTester.prepare(PORTS, TestConfigs.of("port", 80, "token_env", "T")
                .monitor("m").environment(Map.of("T", "abc")::get).build());

        assertThat(check.check(Deadlines.generous()).message()).isEqualTo("m:80:abc");
        assertThatThrownBy(() -> PluginTester.prepare(PORTS, TestConfigs.of("prot", 80).build()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("prot: unknown key");
    }

    @Test
    void assertRefusedFindsTheRefusalFromTheCheckOrFromPrepare() {
        PluginConfig.Builder block = TestConfigs.of("port", 0).path("pulse_check.config");

        assertThat(PluginTester.assertRefused(PORTS, block.build(), "port").reason()).isEqualTo("must not be 0");
        assertThat(PluginTester.assertRefused(PORTS, TestConfigs.of("port", "x").path("pulse_check.config").build(),
                "pulse_check.config.port").reason()).isEqualTo("expected a whole number, got \"x\"");
        assertThat(PluginTester.assertRefused(PORTS, TestConfigs.of().build(), "port").reason())
                .isEqualTo("required key is missing");
    }

    @Test
    void assertRefusedFailsWhenTheBlockIsAcceptedOrRefusedElsewhere() {
        assertThatThrownBy(() -> PluginTester.assertRefused(PORTS, TestConfigs.of("port", 8).build(), "port"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it was accepted");
        assertThatThrownBy(() -> PluginTester.assertRefused(PORTS, TestConfigs.of("port", 0).build(), "token"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("refused elsewhere: [port: must not be 0]");
    }

    @Test
    void aTestClockMovesOnlyWhenTold() {
        TestClock clock = TestClock.create();
        var deadline = clock.deadlineAfter(Duration.ofSeconds(5));

        clock.advance(Duration.ofSeconds(4));
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(1));
        assertThat(deadline.share(2).remaining()).isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofSeconds(1));
        assertThat(deadline.expired()).isTrue();
        assertThat(clock.expiredDeadline().expired()).isTrue();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemDeadlinesForTestsThatReallyBlock() {
        assertThat(Deadlines.expired().expired()).isTrue();
        assertThat(Deadlines.shortly().remaining()).isLessThanOrEqualTo(Deadlines.SHORT).isPositive();
        assertThat(Deadlines.generous().remaining()).isGreaterThan(Duration.ofSeconds(50));
    }
}
