package io.cpra.plugins.webhook.delivery;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.PluginConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSenderTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "200, delivered", "202, delivered", "204, delivered",
            "301, reject", "400, reject", "401, reject", "403, reject", "404, reject", "410, reject", "422, reject",
            "408, retry", "425, retry", "429, retry", "500, retry", "502, retry", "503, retry", "504, retry"})
    void statusDecidesTheOutcome(int status, String expected) {
        DeliveryOutcome outcome = HttpSender.classify(new HttpSender.Reply(status, "why"));

        String actual = outcome.delivered() ? "delivered" : outcome.retryable() ? "retry" : "reject";
        assertThat(actual).isEqualTo(expected);
        assertThat(outcome.message()).startsWith("HTTP " + status + ": why");
    }

    @Test
    void excerptIsOneShortLine() {
        assertThat(HttpSender.excerpt("  a\n b\t c ")).isEqualTo("a b c");
        assertThat(HttpSender.excerpt("x".repeat(1000))).hasSize(300).endsWith("...");
    }

    @Test
    void describeNamesTheRootCause() {
        var failure = new java.io.UncheckedIOException(new java.net.ConnectException("Connection refused"));

        assertThat(HttpSender.describe(failure)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        PluginConfig config = PluginConfig.of("m", "codes.red.config", Map.of());

        assertThat(HttpTarget.url(config, "url", " https://h.example/a ")).isEqualTo(URI.create("https://h.example/a"));
        assertThatThrownBy(() -> HttpTarget.url(config, "url", "ftp://h/x"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"m\": codes.red.config.url: expected an http:// or https:// URL, got \"ftp://h/x\"");
        assertThatThrownBy(() -> HttpTarget.url(config, "url", "hooks.example/x"))
                .hasMessageContaining("codes.red.config.url: expected an http:// or https:// URL");
        assertThatThrownBy(() -> HttpTarget.url(config, "url", "http:// bad"))
                .hasMessageContaining("codes.red.config.url: not a valid URL");
    }

    @Test
    void headerNamesMustBeTokens() {
        PluginConfig config = PluginConfig.of("m", "c", Map.of("headers", Map.of("Bad Name", "x")));

        assertThatThrownBy(() -> HttpTarget.headers(config, "headers"))
                .hasMessageContaining("c.headers.Bad Name: not a valid HTTP header name");
    }

    @Test
    void destinationDropsUserInfoAndQuery() {
        HttpTarget target = new HttpTarget(URI.create("https://user:pw@h.example/alerts?token=s3cret"), "POST",
                Map.of(), Duration.ofSeconds(1));

        assertThat(target.withoutSecrets()).isEqualTo("https://h.example:443/...");
    }
}
