package io.cpra.core.journal;

import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.storage.OutboxEntry;
import io.cpra.core.storage.StorageBatch;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordsTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    private static final Alert ALERT = Alert.builder().id("a7").monitor("db").colour(Colour.RED)
            .title("[CRITICAL] db").summary("db is \"down\"").action("act").incidentId("12").occurredAt(AT)
            .lastMessage("refused\nagain").groups(List.of("g1", "g2")).build();

    @Test
    void anAlertSurvivesItsTripThroughJson() {
        assertThat(Records.alert(Records.alertJson(ALERT))).isEqualTo(ALERT);
    }

    @Test
    void eachEventBecomesItsRows() {
        StorageBatch batch = new StorageBatch();
        List<String> released = new ArrayList<>();
        LifecycleState incident = new LifecycleState(Stage.INCIDENT, 3, 0, 0, 0, 2,
                LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED, 0, 0, 0, 0);

        Records.add(new EngineEvent.StageChanged(AT, "db", Stage.FAILING, Stage.INCIDENT, 12, "refused", incident, java.util.List.of()),
                batch, released);
        Records.add(new EngineEvent.IncidentOpened(AT, "db", 12, "refused", List.of()), batch, released);
        Records.add(new EngineEvent.CodeRaised(AT, "db", Colour.RED, "a7", 12, false, true, "webhook", "down", ALERT),
                batch, released);
        Records.add(new EngineEvent.CodeRaised(AT, "db", Colour.YELLOW, "a6", 0, true, false, "", "down", ALERT),
                batch, released);
        Records.add(new EngineEvent.DeliveryFinished(AT, "db", Colour.RED, "a7", 12, "webhook", "http://h", 10, false, null,
                "503"), batch, released);
        Records.add(new EngineEvent.IncidentClosed(AT, "db", 12, Duration.ofMinutes(3)), batch, released);

        assertThat(released).containsExactly("a7");
        assertThat(batch.size()).isEqualTo(11);   // 6 events, a snapshot, an opening, a closing, an outbox row and its update
        assertThat(batch.isEmpty()).isFalse();
    }

    @Test
    void aDeadLetteredDeliveryMarksItsOutboxRowDead() {
        StorageBatch batch = new StorageBatch();
        EngineEvent.DeliveryFinished last = new EngineEvent.DeliveryFinished(AT, "db", Colour.RED, "a7", 12, "webhook", "",
                10, false, null, "503");
        assertThat(last.deadLettered()).isTrue();
        Records.add(last, batch, new ArrayList<>());
        assertThat(batch.size()).isEqualTo(2);
        assertThat(OutboxEntry.State.valueOf("DEAD")).isEqualTo(OutboxEntry.State.DEAD);
    }
}
