package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Colour;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of engine event as the live stream writes it. */
class EventJsonTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new EngineEvent.StageChanged(AT, "m", Stage.FAILING, Stage.HEALTHY, 0, "ok", null, java.util.List.of()),
                        "{\"kind\":\"stage_changed\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"from\":\"failing\","
                                + "\"to\":\"healthy\",\"incident_id\":null,\"cause\":\"ok\"}"),
                Arguments.of(new EngineEvent.IncidentOpened(AT, "m", 7, "refused", java.util.List.of()),
                        "{\"kind\":\"incident_opened\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"incident_id\":7,"
                                + "\"cause\":\"refused\"}"),
                Arguments.of(new EngineEvent.IncidentClosed(AT, "m", 7, Duration.ofSeconds(90).plusNanos(1_234_567)),
                        "{\"kind\":\"incident_closed\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"incident_id\":7,"
                                + "\"lasted_ms\":90001}"),
                Arguments.of(new EngineEvent.CodeRaised(AT, "m", Colour.YELLOW, "a-1", 0, true, false, "", "slow", null),
                        "{\"kind\":\"code_raised\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"colour\":\"yellow\","
                                + "\"status\":\"degraded\",\"alert_id\":\"a-1\",\"incident_id\":null,\"suppressed\":true,"
                                + "\"dispatched\":false,\"notifier\":\"\",\"summary\":\"slow\"}"),
                Arguments.of(new EngineEvent.CodeRaised(AT, "m", Colour.CYAN, "a-3", 7, false, false, "", "fixed", null),
                        "{\"kind\":\"code_raised\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"colour\":\"cyan\","
                                + "\"status\":\"intervention_success\",\"alert_id\":\"a-3\",\"incident_id\":7,\"suppressed\":false,"
                                + "\"dispatched\":false,\"notifier\":\"\",\"summary\":\"fixed\"}"),
                Arguments.of(new EngineEvent.DeliveryFinished(AT, "m", Colour.RED, "a-2", 0, "webhook", "https://x", 2, false,
                                AT.plusSeconds(60), "HTTP 503"),
                        "{\"kind\":\"delivery\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\",\"colour\":\"red\","
                                + "\"status\":\"critical\",\"alert_id\":\"a-2\",\"notifier\":\"webhook\",\"destination\":\"https://x\","
                                + "\"attempt\":2,\"delivered\":false,\"dead_lettered\":false,"
                                + "\"next_attempt\":\"2026-01-02T03:05:05.123Z\",\"message\":\"HTTP 503\"}"),
                Arguments.of(new EngineEvent.InterventionStarted(AT, "m", 7, "docker", 1),
                        "{\"kind\":\"intervention_started\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\","
                                + "\"incident_id\":7,\"action\":\"docker\",\"attempt\":1}"),
                Arguments.of(new EngineEvent.InterventionFinished(AT, "m", 7, "docker", 1, true, "restarted"),
                        "{\"kind\":\"intervention_finished\",\"at\":\"2026-01-02T03:04:05.123Z\",\"monitor\":\"m\","
                                + "\"incident_id\":7,\"action\":\"docker\",\"attempt\":1,\"success\":true,\"message\":\"restarted\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eachKindHasItsFields(EngineEvent event, String json) {
        assertThat(EventJson.of(event).toString()).isEqualTo(json);
        assertThat(EventJson.KINDS).contains(EventJson.kind(event));
    }
}
