package io.cpra.core.trust;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final Map<String, Object> STORED = Map.of("name", "shop",
            "pulse", Map.of("type", "http", "interval", "10s", "config", Map.of("url", "https://shop.example/",
                    "username", "ops", "password", "basic-secret", "headers", List.of("X-Key: header-secret", "Accept: */*"))),
            "intervention", Map.of("action", "webhook", "target", Map.of("url", "https://hooks.example/t/url-secret",
                    "headers", Map.of("Authorization", "Bearer hook-secret"))),
            "codes", Map.of("red", Map.of("notify", "email", "config", Map.of("host", "smtp.example",
                    "password_env", "CPRA_SECRET_SMTP", "smtp", Map.of("token", "nested-secret")))));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> monitor, String... path) {
        Object node = monitor;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return (Map<String, Object>) node;
    }

    @Test
    void secretsAreMaskedAndEverythingElseIsShownAsStored() {
        Map<String, Object> shown = Redaction.redact(STORED, Catalog.PLUGINS);

        assertThat(config(shown, "pulse", "config")).containsEntry("password", "***").containsEntry("username", "ops")
                .containsEntry("url", "https://shop.example/")
                .containsEntry("headers", List.of("X-Key: ***", "Accept: ***"));
        assertThat(config(shown, "intervention", "target")).containsEntry("url", "***")
                .containsEntry("headers", Map.of("Authorization", "***"));
        assertThat(config(shown, "codes", "red", "config")).containsEntry("password_env", "CPRA_SECRET_SMTP")
                .containsEntry("smtp", Map.of("token", "***"));
        assertThat(shown.toString()).doesNotContain("secret-").doesNotContain("-secret");
        assertThat(STORED.toString()).as("the stored definition is left alone").contains("basic-secret");
    }

    @Test
    void aMaskedDefinitionSentBackKeepsTheStoredSecretsEvenUnderAliases() {
        Map<String, Object> shown = Redaction.redact(STORED, Catalog.PLUGINS);
        Map<String, Object> sent = new java.util.LinkedHashMap<>(shown);
        sent.put("pulse_check", sent.remove("pulse"));

        Map<String, Object> restored = Redaction.restore(sent, STORED, Catalog.PLUGINS);

        assertThat(config(restored, "pulse_check", "config")).isEqualTo(config(STORED, "pulse", "config"));
        assertThat(config(restored, "intervention", "target")).isEqualTo(config(STORED, "intervention", "target"));
        assertThat(config(restored, "codes", "red", "config")).isEqualTo(config(STORED, "codes", "red", "config"));
        assertThat(Redaction.masked(restored, Catalog.PLUGINS)).isEmpty();
    }

    @Test
    void aNewValueReplacesTheSecretAndAMaskWithNothingBehindItIsFound() {
        Map<String, Object> sent = Map.of("name", "shop", "pulse", Map.of("type", "http", "interval", "10s",
                "config", Map.of("url", "https://shop.example/", "password", "new-secret", "headers", List.of("X-Key: ***"))),
                "intervention", Map.of("action", "webhook", "target", Map.of("url", "***",
                        "headers", Map.of("Authorization", "***", "X-Other", "***"))));

        Map<String, Object> restored = Redaction.restore(sent, STORED, Catalog.PLUGINS);

        assertThat(config(restored, "pulse", "config")).containsEntry("password", "new-secret")
                .containsEntry("headers", List.of("X-Key: ***"));
        assertThat(config(restored, "intervention", "target")).containsEntry("url", "https://hooks.example/t/url-secret");
        assertThat(Redaction.masked(restored, Catalog.PLUGINS)).containsExactly("pulse.config.headers",
                "intervention.target.headers");
    }

    @Test
    void aSecretChangesOnlyWithItsPluginType() {
        Map<String, Object> sent = Map.of("name", "shop", "pulse", Map.of("type", "http", "interval", "10s",
                "config", Map.of("url", "https://shop.example/")),
                "intervention", Map.of("action", "webhook", "target", Map.of("url", "***")));
        Map<String, Object> storedAsOtherType = Map.of("name", "shop", "pulse", STORED.get("pulse"),
                "intervention", Map.of("action", "script", "target", Map.of("url", "https://elsewhere/")));

        assertThat(config(Redaction.restore(sent, storedAsOtherType, Catalog.PLUGINS), "intervention", "target"))
                .containsEntry("url", "***");
    }

    @Test
    void messagesLoseEverySecretTheyQuote() {
        List<String> secrets = Redaction.secrets(STORED, Catalog.PLUGINS);
        assertThat(secrets).contains("basic-secret", "header-secret", "Bearer hook-secret", "hook-secret",
                "https://hooks.example/t/url-secret", "nested-secret").doesNotContain("ops", "CPRA_SECRET_SMTP");

        String message = "expected an http URL, got \"https://hooks.example/t/url-secret\"; sent Bearer hook-secret";
        assertThat(Redaction.scrub(message, secrets)).isEqualTo("expected an http URL, got \"***\"; sent ***");
    }
}
