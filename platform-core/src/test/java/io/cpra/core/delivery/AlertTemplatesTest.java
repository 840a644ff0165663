package io.cpra.core.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTemplatesTest {

    private static CodeFacts facts(Colour colour, String action, int attempt) {
        return new CodeFacts("a-7", "checkout-api", colour, Instant.parse("2026-01-02T03:04:05Z"), "inc-3",
                "HTTP 503 in 12 ms", List.of("payments"), "http", 3, action, attempt, 2, 3,
                colour == Colour.GREEN ? Duration.ofSeconds(95) : Duration.ZERO,
                colour == Colour.GRAY ? Instant.parse("2026-01-02T05:00:00Z") : null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "YELLOW | docker | 0 | [DEGRADED] checkout-api | checkout-api failed its http check: HTTP 503 in 12 ms | Keep an eye on it",
            "RED    |        | 0 | [CRITICAL] checkout-api | checkout-api is down after 3 failed checks: HTTP 503 in 12 ms | Investigate now: checkout-api needs a person.",
            "RED    | docker | 2 | [CRITICAL] checkout-api | checkout-api is down after 3 failed checks: HTTP 503 in 12 ms; docker intervention did not restore it (2 attempts) | Investigate now: automatic recovery did not help.",
            "CYAN   | docker | 1 | [INTERVENTION SUCCESS] checkout-api | docker intervention on checkout-api succeeded (attempt 1 of 2); verifying over the next 3 checks | No action needed unless verification fails.",
            "GREEN  | docker | 0 | [RECOVERED] checkout-api | checkout-api is healthy again after 1m35s | No action needed",
            "GRAY   |        | 0 | [MAINTENANCE] checkout-api | checkout-api is in maintenance until 2026-01-02T05:00:00Z; its checks and alerts are paused | End maintenance",
    })
    void eachColourHasItsTemplate(Colour colour, String action, int attempt, String title, String summary, String advice) {
        Alert alert = AlertTemplates.render(facts(colour, action == null ? "" : action, attempt));

        assertThat(alert.title()).isEqualTo(title);
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.action()).startsWith(advice);
        assertThat(alert.status()).isEqualTo(colour.status());
        assertThat(alert.id()).isEqualTo("a-7");
        assertThat(alert.incidentId()).isEqualTo("inc-3");
        assertThat(alert.groups()).containsExactly("payments");
    }
}
