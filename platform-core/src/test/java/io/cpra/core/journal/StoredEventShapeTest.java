package io.cpra.core.journal;

import io.cpra.core.OneShape;
import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.storage.EventQuery;
import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.cpra.core.storage.StorageSettings;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.PulseOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event history as storage keeps it follows the API's one convention: each kind's detail,
 * written through a real store and read back, has lower-case enums, durations in {@code _ms}
 * and instants to the millisecond.
 */
class StoredEventShapeTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    private static final Alert ALERT = Alert.builder().id("a7").monitor("db").colour(Colour.RED)
            .title("[CRITICAL] db").summary("db is down").action("act").incidentId("12").occurredAt(AT)
            .lastMessage("refused").groups(List.of("g1")).build();

    @TempDir
    Path folder;

    @Test
    void everyStoredKindHasTheOneShape() {
        List<MonitorView.Outcome> checks = List.of(
                new MonitorView.Outcome(AT, PulseOutcome.Status.CRITICAL, 12_300, "refused"),
                new MonitorView.Outcome(AT.plusSeconds(5), PulseOutcome.Status.UNKNOWN, 1_000_000, "timed out"));
        LifecycleState incident = new LifecycleState(Stage.INCIDENT, 3, 0, 0, 0, 2,
                LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED, 0, 0, 0, 0);
        StorageBatch batch = new StorageBatch();
        List<String> released = new ArrayList<>();
        Records.add(new EngineEvent.StageChanged(AT, "db", Stage.FAILING, Stage.INCIDENT, 12, "refused", incident, checks),
                batch, released);
        Records.add(new EngineEvent.IncidentOpened(AT, "db", 12, "refused", checks), batch, released);
        Records.add(new EngineEvent.CodeRaised(AT, "db", Colour.RED, "a7", 12, false, true, "webhook", "down", ALERT),
                batch, released);
        Records.add(new EngineEvent.DeliveryFinished(AT, "db", Colour.RED, "a7", 12, "webhook", "http://h", 1, false,
                AT.plusSeconds(10), "503"), batch, released);
        Records.add(new EngineEvent.DeliveryFinished(AT, "db", Colour.RED, "a7", 12, "webhook", "http://h", 2, true, null,
                "202"), batch, released);
        Records.add(new EngineEvent.InterventionStarted(AT, "db", 12, "restart", 1), batch, released);
        Records.add(new EngineEvent.InterventionFinished(AT, "db", 12, "restart", 1, false, "exit 1"), batch, released);
        Records.add(new EngineEvent.IncidentClosed(AT, "db", 12, Duration.ofMillis(183_250)), batch, released);

        Map<String, JsonObject> details = new TreeMap<>();
        try (Storage storage = Storage.open(StorageSettings.sqlite(folder.resolve("cpra.db")))) {
            storage.write(batch);
            for (EventRecord event : storage.events(EventQuery.ALL, null, 100).items()) {
                JsonObject detail = Json.createReader(new StringReader(event.detail())).readObject();
                OneShape.check("the stored " + event.kind() + " " + event.detail(), detail);
                details.merge(event.kind(), detail, (first, second) -> first);
            }
        }

        assertThat(details.keySet()).containsExactlyInAnyOrder("stage_changed", "incident_opened", "code_raised",
                "delivery", "intervention_started", "intervention_finished", "incident_closed");
        JsonObject stage = details.get("stage_changed");
        assertThat(stage.getString("from")).isEqualTo("failing");
        assertThat(stage.getString("to")).isEqualTo("incident");
        assertThat(stage.getJsonArray("checks").getJsonObject(0).toString()).isEqualTo("{\"at\":\"2026-03-04T05:06:07.000Z\","
                + "\"status\":\"critical\",\"latency_ms\":12.3,\"message\":\"refused\"}");
        assertThat(stage.getJsonArray("checks").getJsonObject(1).getJsonNumber("latency_ms").toString()).isEqualTo("1000");
        assertThat(details.get("incident_closed").toString()).isEqualTo("{\"lasted_ms\":183250}");
    }
}
