package io.cpra.core.journal;

import io.cpra.core.storage.MonitorHold;
import io.cpra.core.storage.MonitorSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stored holds a restart puts back: a maintenance window that already ended is not one of them. */
class RestartTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @ParameterizedTest(name = "paused={0} maintenance={1} until={2} stage={3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # paused | maintenance | until (s from now) | stored stage | kept as is | maintenance after
            false    | true        | -60                | HEALTHY      | false      | false
            true     | true        | -60                | INCIDENT     | false      | false
            false    | true        | -60                | -            | false      | false
            false    | true        | 0                  | FAILING      | false      | false
            false    | true        | -60                | MAINTENANCE  | true       | true
            false    | true        | 60                 | HEALTHY      | true       | true
            false    | true        | -                  | HEALTHY      | true       | true
            true     | false       | -                  | HEALTHY      | true       | false
            """)
    void aMaintenanceWindowThatEndedWhileTheServerRanNoLongerHolds(boolean paused, boolean maintenance, Long until,
                                                                    String stage, boolean kept, boolean stillMaintenance) {
        MonitorHold hold = new MonitorHold("db", paused, maintenance, until == null ? null : NOW.plusSeconds(until),
                NOW.minusSeconds(3600));
        MonitorSnapshot snapshot = stage == null ? null
                : new MonitorSnapshot("db", stage, 0, 0, 0, 0, 0, 0, 0, NOW.minusSeconds(30));

        MonitorHold after = Restart.withoutEndedMaintenance(hold, snapshot, NOW);

        assertThat(after == hold).isEqualTo(kept);
        assertThat(after.maintenance()).isEqualTo(stillMaintenance);
        assertThat(after.paused()).isEqualTo(paused);
        if (!stillMaintenance) {
            assertThat(after.maintenanceUntil()).isNull();
        }
    }
}
