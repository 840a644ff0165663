package io.cpra.core.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Behaviour that the table cannot express: identity of unchanged states, reloads, the sink. */
class LifecycleTest {

    @Test
    void steadyHealthyPassKeepsTheSameStateAndAsksForNothing() {
        Runner runner = Script.run(Policy.defaults(), "P P", 0L);
        LifecycleState steady = runner.state();

        Observed step = runner.apply(Input.PULSE_PASSED);

        assertThat(step.after()).isSameAs(steady);
        assertThat(step.actions()).isEmpty();
        assertThat(step.anyCode()).isFalse();
    }

    @Test
    void transitionReportsWhetherTheStateChanged() {
        Transition out = Transition.create();
        LifecycleState steady = Script.run(Policy.defaults(), "P P", 0L).state();

        Lifecycle.step(steady, Input.PULSE_PASSED, 0L, Policy.defaults(), out);
        assertThat(out.stateChanged()).isFalse();
        assertThat(out.quiet()).isTrue();
        assertThat(out.from()).isEqualTo(Stage.HEALTHY);
        assertThat(out.to()).isEqualTo(Stage.HEALTHY);

        Lifecycle.step(steady, Input.PULSE_FAILED, 0L, Policy.defaults(), out);
        assertThat(out.stateChanged()).isTrue();
        assertThat(out.quiet()).isFalse();
        assertThat(out.to()).isEqualTo(Stage.INCIDENT);
        assertThat(out.toString()).isEqualTo("Transition[HEALTHY->INCIDENT yellow red open_incident stage_changed]");
    }

    @Test
    void countingPassesChangesTheStateUntilTheStreakReachesTheHealthyThreshold() {
        Runner runner = Script.run(Script.policy("h=3"), "", 0L);

        assertThat(runner.apply(Input.PULSE_PASSED).after().successStreak()).isEqualTo(1);
        assertThat(runner.apply(Input.PULSE_PASSED).after().successStreak()).isEqualTo(2);
        assertThat(runner.apply(Input.PULSE_PASSED).after().successStreak()).isEqualTo(3);
        Observed steady = runner.apply(Input.PULSE_PASSED);
        assertThat(steady.after()).isSameAs(steady.before());
    }

    @Test
    void aReusedSinkForgetsThePreviousStep() {
        Transition out = Transition.create();
        Policy policy = Script.policy("m=2 base=10");
        LifecycleState intervening = Script.run(policy, "F X", 0L).state();

        Lifecycle.step(intervening, Input.RETRY_DUE, 0L, policy, out);
        assertThat(out.has(Action.START_ATTEMPT)).isTrue();
        assertThat(out.attempt()).isEqualTo(2);

        Lifecycle.step(out.state(), Input.PULSE_PASSED, 0L, policy, out);
        assertThat(out.has(Action.START_ATTEMPT)).isFalse();
        assertThat(out.attempt()).isZero();
        assertThat(out.delayNanos()).isZero();
        assertThat(out.quiet()).isTrue();
    }

    @Test
    void interventionRemovedByAReloadWhileARetryWaitsEscalatesOnTheTimer() {
        Runner runner = Script.run(Script.policy("m=3"), "F X", 0L);
        assertThat(runner.state().retryPending()).isTrue();

        runner.policy(Script.policy("-"));
        Observed step = runner.apply(Input.RETRY_DUE);

        assertThat(step.raised()).containsExactly(Code.RED);
        assertThat(step.actions()).containsExactly(Action.STAGE_CHANGED);
        assertThat(step.after().stage()).isEqualTo(Stage.INCIDENT);
    }

    @Test
    void interventionRemovedByAReloadDuringAnAttemptEscalatesOnItsFailure() {
        Runner runner = Script.run(Script.policy("m=3"), "F", 0L);

        runner.policy(Script.policy("-"));
        Observed step = runner.apply(Input.ATTEMPT_FAILED);

        assertThat(step.raised()).containsExactly(Code.RED);
        assertThat(step.actions()).doesNotContain(Action.SCHEDULE_ATTEMPT);
        assertThat(step.after().stage()).isEqualTo(Stage.INCIDENT);
    }

    @Test
    void aLowerUnhealthyThresholdAfterAReloadAppliesAtTheNextFailure() {
        Runner runner = Script.run(Script.policy("u=5"), "F F", 0L);

        runner.policy(Script.policy("u=2"));
        Observed step = runner.apply(Input.PULSE_FAILED);

        assertThat(step.raised()).containsExactly(Code.RED);
        assertThat(step.actions()).contains(Action.OPEN_INCIDENT);
    }

    @Test
    void cooldownRemembersWhenEachColourWasRaised() {
        Runner runner = Script.run(Script.policy("u=3"), "F", 0L);
        LifecycleState state = runner.state();

        assertThat(state.raisedBefore(Code.YELLOW)).isTrue();
        assertThat(state.lastRaisedAt(Code.YELLOW)).isEqualTo(Script.SECOND);
        assertThat(state.raisedBefore(Code.RED)).isFalse();
        assertThat(state.raisedBefore(Code.GREEN)).isFalse();
    }

    @Test
    void theSameArgumentsGiveTheSameTransition() {
        Policy policy = Script.policy("u=2 m=2 cd.yellow=5");
        Runner first = Script.run(policy, "F F X R S P F M L F F P P P", 42L);
        Runner second = Script.run(policy, "F F X R S P F M L F F P P P", 42L);

        assertThat(second.log()).isEqualTo(first.log());
    }

    @Test
    void underADownParentOnlyBadNewsThatAParentExplainsBecomesParentDown() {
        LifecycleState healthy = LifecycleState.INITIAL;
        LifecycleState inFlight = Script.run(Script.policy("m=2"), "F", 0L).state();
        LifecycleState pending = Script.run(Script.policy("m=2"), "F X", 0L).state();

        assertThat(Input.PULSE_FAILED.underDownParent(healthy)).isEqualTo(Input.PARENT_DOWN);
        assertThat(Input.ATTEMPT_FAILED.underDownParent(inFlight)).isEqualTo(Input.PARENT_DOWN);
        assertThat(Input.ATTEMPT_TIMED_OUT.underDownParent(inFlight)).isEqualTo(Input.PARENT_DOWN);
        assertThat(Input.ATTEMPT_HELD.underDownParent(inFlight)).isEqualTo(Input.PARENT_DOWN);
        assertThat(Input.RETRY_DUE.underDownParent(pending)).isEqualTo(Input.PARENT_DOWN);
        // strays stay strays, to be ignored as usual; good news and commands keep their meaning
        assertThat(Input.ATTEMPT_FAILED.underDownParent(pending)).isEqualTo(Input.ATTEMPT_FAILED);
        assertThat(Input.RETRY_DUE.underDownParent(inFlight)).isEqualTo(Input.RETRY_DUE);
        assertThat(Input.RETRY_DUE.underDownParent(healthy)).isEqualTo(Input.RETRY_DUE);
        for (Input input : new Input[] {Input.PULSE_PASSED, Input.ATTEMPT_SUCCEEDED, Input.MAINTENANCE_ENTERED,
                Input.MAINTENANCE_LEFT, Input.PARENT_RECOVERED}) {
            assertThat(input.underDownParent(inFlight)).isEqualTo(input);
        }
    }
}
