package io.cpra.core.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleStateTest {

    @Test
    void initialIsHealthyWithNothingRaised() {
        LifecycleState initial = LifecycleState.INITIAL;

        assertThat(initial.stage()).isEqualTo(Stage.HEALTHY);
        assertThat(initial.incidentOpen()).isFalse();
        assertThat(initial.attemptInFlight()).isFalse();
        for (Code colour : Code.values()) {
            assertThat(initial.raisedBefore(colour)).as(colour.name()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative failures                   | HEALTHY     | -1 | 0  | 0 | 0 | 0 | 1 | negative counter
            negative streak                     | FAILING     | 1  | -1 | 0 | 0 | 0 | 0 | negative counter
            negative incident seq               | HEALTHY     | 0  | 0  | 0 | 0 | -1| 0 | negative counter
            flags above nine bits               | HEALTHY     | 0  | 0  | 0 | 0 | 0 | 512 | bits above 0x1ff
            healthy with an incident            | HEALTHY     | 0  | 0  | 0 | 0 | 1 | 1 | has an open incident
            failing with an incident            | FAILING     | 1  | 0  | 0 | 0 | 1 | 1 | has an open incident
            incident stage without incident     | INCIDENT    | 1  | 0  | 0 | 0 | 1 | 0 | has no open incident
            healthy with failures               | HEALTHY     | 1  | 0  | 0 | 0 | 0 | 0 | has consecutive failures
            attempt in flight outside intervening | INCIDENT  | 0  | 0  | 1 | 0 | 1 | 5 | attempt in flight
            verify remaining outside verifying  | INCIDENT    | 0  | 0  | 1 | 2 | 1 | 1 | verification pulses remaining
            red without an incident             | MAINTENANCE | 0  | 0  | 0 | 0 | 1 | 2 | red raised without an open incident
            owes green outside unreachable      | FAILING     | 1  | 0  | 0 | 0 | 0 | 256 | owes a green
            owes green with an incident         | UNREACHABLE | 0  | 0  | 0 | 0 | 1 | 257 | owes a green
            failing before maintenance outside it | FAILING   | 1  | 0  | 0 | 0 | 0 | 64 | remembers failing before maintenance
            """)
    void brokenRowsAreRejected(String name, Stage stage, int failures, int streak, int attempts, int verify,
                               int seq, int flags, String message) {
        assertThatThrownBy(() -> new LifecycleState(stage, failures, streak, attempts, verify, seq, flags, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void maintenanceMayHoldAnIncidentOrNot() {
        assertThat(new LifecycleState(Stage.MAINTENANCE, 0, 0, 0, 0, 3, LifecycleState.INCIDENT_OPEN, 0, 0, 0, 0)
                .incidentOpen()).isTrue();
        assertThat(new LifecycleState(Stage.MAINTENANCE, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0)
                .incidentOpen()).isFalse();
    }

    @Test
    void eachColourButGreenHasItsOwnTimeFlag() {
        int all = 0;
        for (Code colour : Code.values()) {
            if (colour == Code.GREEN) {
                assertThatThrownBy(() -> LifecycleState.timeSetFlag(colour)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            int flag = LifecycleState.timeSetFlag(colour);
            assertThat(Integer.bitCount(flag)).isEqualTo(1);
            assertThat(flag & (LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED | LifecycleState.ATTEMPT_IN_FLIGHT
                    | LifecycleState.FAILING_BEFORE_MAINTENANCE | LifecycleState.OWES_GREEN)).isZero();
            assertThat(flag & all).isZero();
            assertThat(flag).isLessThanOrEqualTo(0x1FF);
            all |= flag;
        }
    }

    @Test
    void namedFlagsTakeBitsOfTheirOwn() {
        int[] named = {LifecycleState.INCIDENT_OPEN, LifecycleState.RED_RAISED, LifecycleState.ATTEMPT_IN_FLIGHT,
                LifecycleState.FAILING_BEFORE_MAINTENANCE, LifecycleState.OWES_GREEN};
        int all = 0;
        for (int flag : named) {
            assertThat(Integer.bitCount(flag)).isEqualTo(1);
            assertThat(flag & all).as("flag 0x%x shares a bit with another", flag).isZero();
            all |= flag;
        }
        // and each is a legal bit: a state may carry it where its stage allows
        assertThat(new LifecycleState(Stage.UNREACHABLE, 0, 0, 0, 0, 0, LifecycleState.OWES_GREEN, 0, 0, 0, 0)
                .flags()).isEqualTo(LifecycleState.OWES_GREEN);
        assertThat(new LifecycleState(Stage.MAINTENANCE, 0, 0, 0, 0, 0, LifecycleState.FAILING_BEFORE_MAINTENANCE,
                0, 0, 0, 0).flags()).isEqualTo(LifecycleState.FAILING_BEFORE_MAINTENANCE);
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void stagesRoundTripThroughTheirOrdinal(Stage stage) {
        assertThat(Stage.ofOrdinal(stage.ordinal())).isSameAs(stage);
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void coloursRoundTripThroughTheirOrdinal(Code colour) {
        assertThat(Code.ofOrdinal(colour.ordinal())).isSameAs(colour);
    }

    @Test
    void describesItself() {
        LifecycleState state = new LifecycleState(Stage.INTERVENING, 2, 0, 1, 0, 4,
                LifecycleState.INCIDENT_OPEN | LifecycleState.ATTEMPT_IN_FLIGHT | LifecycleState.timeSetFlag(Code.YELLOW),
                7, 0, 0, 0);

        assertThat(state).hasToString(
                "LifecycleState[INTERVENING failures=2 streak=0 attempts=1 in-flight verify=0 incident=4 open yellowAt=7]");
    }
}
