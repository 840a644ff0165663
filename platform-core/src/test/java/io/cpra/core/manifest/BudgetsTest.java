package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code intervention.budgets}: limits by group and action type, shared by name across monitors. */
class BudgetsTest {

    private static String monitor(String name, String budgets) {
        return """
                  - name: %s
                    groups: [payments]
                    pulse: {type: tcp, interval: 5s, config: {host: h, port: 1}}
                    intervention:
                      action: docker
                      target: {container: c}
                      budgets: %s
                """.formatted(name, budgets);
    }

    @Test
    void budgetsAreReadWithTheirDefaults() {
        List<MonitorDefinition> monitors = Manifests.valid("monitors:\n"
                + monitor("pay-1", "[{group: payments, type: docker, concurrent: 5, per: 10m, max: 20}, {type: docker, concurrent: 50}]")
                + monitor("pay-2", "[{group: payments, type: docker, concurrent: 5, per: 10m, max: 20}]"));

        List<MonitorDefinition.Budget> budgets = monitors.get(0).intervention().orElseThrow().budgets();
        assertThat(budgets).containsExactly(
                new MonitorDefinition.Budget("payments", "docker", 5, 20, Duration.ofMinutes(10), Duration.ofMinutes(5)),
                new MonitorDefinition.Budget(null, "docker", 50, 0, null, Duration.ofMinutes(5)));
        assertThat(budgets.get(0).name()).isEqualTo("payments/docker");
        assertThat(budgets.get(1).name()).isEqualTo("*/docker");
    }

    @Test
    void eachMistakeIsNamedAtItsKey() {
        String budgets = String.join("\n",
                "",
                "        - {group: payment, concurrent: 1}",
                "        - {type: command, concurrent: 1}",
                "        - {concurrent: 1}",
                "        - {group: payments, max: 3}",
                "        - {group: payments, per: 1m}",
                "        - {group: payments}",
                "        - {group: payments, concurrent: 0, colour: red}");
        ManifestResult result = Manifests.read("monitors:\n" + monitor("pay-1", budgets));

        assertThat(result.errors()).extracting(error -> error.path() + ": " + error.message()).containsExactly(
                "intervention.budgets[0].group: the monitor is not in group \"payment\" (did you mean \"payments\"?); "
                        + "its groups: payments",
                "intervention.budgets[1].type: the monitor's action is \"docker\", not \"command\"",
                "intervention.budgets[2]: name the group, the action type or both that the budget limits",
                "intervention.budgets[3].per: a max needs its window: add per, such as per: 10m",
                "intervention.budgets[4].max: a window needs its max: add max, such as max: 20",
                "intervention.budgets[5]: give a limit: concurrent, or max with per, or both",
                // errors come in the order of the text: concurrent stands before colour
                "intervention.budgets[6].concurrent: expected a whole number from 1 to 2147483647, got 0",
                "intervention.budgets[6].colour: unknown key \"colour\"; accepted keys: group, type, concurrent, max, per, wait");
    }

    @Test
    void monitorsSharingABudgetMustAgreeOnItsLimits() {
        ManifestResult result = Manifests.read("monitors:\n"
                + monitor("pay-1", "[{group: payments, concurrent: 5}]")
                + monitor("pay-2", "[{group: payments, concurrent: 6}]"));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:15:17: monitor \"pay-2\": intervention.budgets[0]: intervention budget payments/* is declared "
                        + "with other limits by monitor \"pay-1\" at line 8, column 17; every monitor that shares a "
                        + "budget declares the same concurrent, max, per and wait");
    }

    @Test
    void theExampleInTheDocsLoads() {
        List<MonitorDefinition> monitors = Manifests.valid("""
                monitors:
                  - name: checkout-api
                    groups: [payments]
                    pulse: {type: http, interval: 10s, max_failures: 3, config: {url: http://10.0.1.5/health}}
                    intervention:
                      action: docker
                      target: {type: container, container: checkout-api}
                      budgets: &payments-docker               # written once, shared with an alias
                        - {group: payments, type: docker, concurrent: 5, per: 10m, max: 20, wait: 2m}
                        - {type: docker, concurrent: 50}      # every docker restart, whatever the group
                  - name: cart-api
                    groups: [payments]
                    pulse: {type: http, interval: 10s, max_failures: 3, config: {url: http://10.0.1.6/health}}
                    intervention:
                      action: docker
                      target: {type: container, container: cart-api}
                      budgets: *payments-docker
                """);

        assertThat(monitors.get(1).intervention().orElseThrow().budgets())
                .isEqualTo(monitors.get(0).intervention().orElseThrow().budgets()).hasSize(2);
    }
}
