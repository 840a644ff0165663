package io.cpra.core.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Invariants of the lifecycle over random policies and random input sequences, each input at a
 * random distance in time from the previous one and the clock starting anywhere in the
 * {@code long} range. A coverage check fails the run when the generator stops reaching
 * verification, exhausted attempts, maintenance during an incident or cooldowns.
 */
class LifecyclePropertiesTest {

    /**
     * What a scenario does next: an input as such, or a response that depends on the state, as
     * the engine would give it (the outcome of the attempt in flight, the timer of a scheduled
     * one, otherwise a pulse). Raw inputs exercise the stray cases; responses reach deep paths.
     */
    enum Move {
        PASS, FAIL, ATTEMPT_SUCCEEDED, ATTEMPT_FAILED, ATTEMPT_TIMED_OUT, ATTEMPT_HELD, RETRY_DUE,
        MAINTENANCE_ENTERED, MAINTENANCE_LEFT, RESPOND_WELL, RESPOND_BADLY,
        /** The parent goes down: no input for the child, whose bad news now arrives as parent down. */
        PARENT_FAILS,
        /** The parent comes back: the engine tells the child. */
        PARENT_RECOVERS;

        Input input(LifecycleState state) {
            return switch (this) {
                case PASS -> Input.PULSE_PASSED;
                case FAIL -> Input.PULSE_FAILED;
                case ATTEMPT_SUCCEEDED -> Input.ATTEMPT_SUCCEEDED;
                case ATTEMPT_FAILED -> Input.ATTEMPT_FAILED;
                case ATTEMPT_TIMED_OUT -> Input.ATTEMPT_TIMED_OUT;
                case ATTEMPT_HELD -> Input.ATTEMPT_HELD;
                case RETRY_DUE -> Input.RETRY_DUE;
                case MAINTENANCE_ENTERED -> Input.MAINTENANCE_ENTERED;
                case MAINTENANCE_LEFT -> Input.MAINTENANCE_LEFT;
                case RESPOND_WELL -> state.attemptInFlight() ? Input.ATTEMPT_SUCCEEDED
                        : state.retryPending() ? Input.RETRY_DUE : Input.PULSE_PASSED;
                case RESPOND_BADLY -> state.attemptInFlight() ? Input.ATTEMPT_FAILED
                        : state.retryPending() ? Input.RETRY_DUE : Input.PULSE_FAILED;
                case PARENT_FAILS -> throw new IllegalStateException("parent moves give no input of their own");
                case PARENT_RECOVERS -> Input.PARENT_RECOVERED;
            };
        }
    }

    /** One scenario: a policy, a start time and timed moves. */
    record Scenario(Policy policy, long start, List<Tuple2<Move, Long>> moves) {

        Runner run() {
            return run(new ArrayList<>());
        }

        /**
         * Runs the moves as the engine would for a child of one parent: while the parent is
         * down, bad news reaches the lifecycle as {@link Input#underDownParent}.
         *
         * @param parentDown receives, per step in the log, whether the parent was down
         */
        Runner run(List<Boolean> parentDown) {
            Runner runner = new Runner(policy, start);
            boolean down = false;
            for (Tuple2<Move, Long> move : moves) {
                runner.advance(move.get2());
                if (move.get1() == Move.PARENT_FAILS) {
                    down = true;
                    continue;
                }
                if (move.get1() == Move.PARENT_RECOVERS) {
                    down = false;
                }
                Input input = move.get1().input(runner.state());
                runner.apply(down ? input.underDownParent(runner.state()) : input);
                parentDown.add(down);
            }
            return runner;
        }

        /** Upper bound of the pulses any rule waits for. */
        int patience() {
            return Math.max(policy.unhealthyThreshold(), Math.max(policy.healthyThreshold(), policy.verificationPulses())) + 1;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Policy> policies = Builders.withBuilder(Policy::builder)
                .use(Arbitraries.integers().between(1, 4)).in((b, u) -> b.unhealthyThreshold(u))
                .use(Arbitraries.integers().between(1, 4)).in((b, h) -> b.healthyThreshold(h))
                .use(Arbitraries.integers().between(1, 4)).withProbability(0.7).in((b, m) -> b.intervention(m))
                .use(Arbitraries.integers().between(1, 4)).withProbability(0.5).in((b, v) -> b.verificationPulses(v))
                .use(seconds(0, 20)).in((b, base) -> b.retryBackoff(base, base * 4))
                .use(seconds(1, 60)).withProbability(0.7).in((b, w) -> b.cooldownNanos(Code.YELLOW, w))
                .use(seconds(1, 60)).withProbability(0.7).in((b, w) -> b.cooldownNanos(Code.RED, w))
                .use(seconds(1, 60)).withProbability(0.7).in((b, w) -> b.cooldownNanos(Code.CYAN, w))
                .use(seconds(1, 60)).withProbability(0.7).in((b, w) -> b.cooldownNanos(Code.GRAY, w))
                .build(Policy.Builder::build);
        Arbitrary<Move> moves = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(Move.PASS)),
                Tuple.of(20, Arbitraries.just(Move.FAIL)),
                Tuple.of(15, Arbitraries.just(Move.RESPOND_WELL)),
                Tuple.of(15, Arbitraries.just(Move.RESPOND_BADLY)),
                Tuple.of(3, Arbitraries.just(Move.ATTEMPT_SUCCEEDED)),
                Tuple.of(3, Arbitraries.just(Move.ATTEMPT_FAILED)),
                Tuple.of(3, Arbitraries.just(Move.ATTEMPT_TIMED_OUT)),
                Tuple.of(3, Arbitraries.just(Move.ATTEMPT_HELD)),
                Tuple.of(3, Arbitraries.just(Move.RETRY_DUE)),
                Tuple.of(3, Arbitraries.just(Move.MAINTENANCE_ENTERED)),
                Tuple.of(3, Arbitraries.just(Move.MAINTENANCE_LEFT)),
                Tuple.of(3, Arbitraries.just(Move.PARENT_FAILS)),
                Tuple.of(3, Arbitraries.just(Move.PARENT_RECOVERS)));
        Arbitrary<Tuple2<Move, Long>> timed = Combinators.combine(moves, seconds(0, 10)).as(Tuple::of);
        return Combinators.combine(policies, Arbitraries.longs(), timed.list().ofMinSize(10).ofMaxSize(150))
                .as(Scenario::new);
    }

    /** Fails the property when the generator stops reaching the interesting paths. */
    private static void coverage(List<Observed> log) {
        boolean cyan = log.stream().anyMatch(step -> step.due(Code.CYAN));
        boolean verificationFailed = log.stream()
                .anyMatch(step -> step.before().stage() == Stage.VERIFYING && step.due(Code.RED));
        boolean exhausted = log.stream()
                .anyMatch(step -> step.before().stage() == Stage.INTERVENING && step.due(Code.RED));
        boolean maintenanceWithIncident = log.stream()
                .anyMatch(step -> step.after().stage() == Stage.MAINTENANCE && step.after().incidentOpen());
        boolean suppressed = log.stream().anyMatch(step -> !step.suppressed().isEmpty());
        boolean unreachableWithIncident = log.stream()
                .anyMatch(step -> step.after().stage() == Stage.UNREACHABLE && step.after().incidentOpen());
        Statistics.label("cyan").collect(cyan);
        Statistics.label("verification failed").collect(verificationFailed);
        Statistics.label("attempts exhausted").collect(exhausted);
        Statistics.label("maintenance with an incident").collect(maintenanceWithIncident);
        Statistics.label("code suppressed").collect(suppressed);
        Statistics.label("unreachable with an incident").collect(unreachableWithIncident);
        for (String label : List.of("cyan", "verification failed", "attempts exhausted",
                "maintenance with an incident", "code suppressed", "unreachable with an incident")) {
            Statistics.label(label).coverage(check -> check.check(true).percentage(p -> p >= 5.0));
        }
    }

    private static Arbitrary<Long> seconds(int min, int max) {
        return Arbitraries.integers().between(min, max).map(s -> s * Script.SECOND);
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void countersStayInRangeAndStagesMatchTheirIncident(@ForAll("scenarios") Scenario scenario) {
        List<Observed> log = scenario.run().log();
        coverage(log);
        // LifecycleState checks the stage-incident invariants itself: a bad step would have thrown.
        for (Observed step : log) {
            LifecycleState after = step.after();
            assertThat(after.consecutiveFailures()).isNotNegative();
            assertThat(after.successStreak()).isBetween(0, scenario.policy().healthyThreshold());
            assertThat(after.attempts()).isBetween(0, scenario.policy().maxAttempts());
            assertThat(after.verifyRemaining()).isBetween(0, scenario.policy().verificationPulses());
            assertThat(after.incidentSeq()).isNotNegative();
        }
    }

    @Property
    void anIncidentClosesOnlyAfterItOpened(@ForAll("scenarios") Scenario scenario) {
        for (Observed step : scenario.run().log()) {
            if (step.actions().contains(Action.OPEN_INCIDENT)) {
                assertThat(step.before().incidentOpen()).as("opened while open: %s", step).isFalse();
                assertThat(step.after().incidentOpen()).isTrue();
                assertThat(step.after().incidentSeq()).isEqualTo(step.before().incidentSeq() + 1);
            }
            if (step.actions().contains(Action.CLOSE_INCIDENT)) {
                assertThat(step.before().incidentOpen()).as("closed while closed: %s", step).isTrue();
                assertThat(step.after().incidentOpen()).isFalse();
                assertThat(step.raised()).as("closing without green: %s", step).contains(Code.GREEN);
            }
            if (step.before().incidentOpen() != step.after().incidentOpen()) {
                assertThat(step.actions()).containsAnyOf(Action.OPEN_INCIDENT, Action.CLOSE_INCIDENT);
            }
        }
    }

    @Property
    void everyIncidentOpensAndClosesExactlyOnceOnceTheMonitorRecovers(@ForAll("scenarios") Scenario scenario) {
        Runner runner = scenario.run();
        recover(runner, scenario.patience());

        Map<Integer, Integer> opened = new HashMap<>();
        Map<Integer, Integer> closed = new HashMap<>();
        for (Observed step : runner.log()) {
            if (step.actions().contains(Action.OPEN_INCIDENT)) {
                opened.merge(step.after().incidentSeq(), 1, Integer::sum);
            }
            if (step.actions().contains(Action.CLOSE_INCIDENT)) {
                closed.merge(step.before().incidentSeq(), 1, Integer::sum);
            }
        }
        assertThat(runner.state().incidentOpen()).as("still open after recovery: %s", runner.state()).isFalse();
        assertThat(opened).allSatisfy((seq, count) -> assertThat(count).as("incident %d opened", seq).isEqualTo(1));
        assertThat(closed).isEqualTo(opened);
    }

    @Property
    void redIsDueAtMostOncePerIncident(@ForAll("scenarios") Scenario scenario) {
        Map<Integer, Integer> reds = new HashMap<>();
        for (Observed step : scenario.run().log()) {
            if (step.due(Code.RED)) {
                assertThat(step.after().incidentOpen()).as("red without an incident: %s", step).isTrue();
                reds.merge(step.after().incidentSeq(), 1, Integer::sum);
            }
        }
        assertThat(reds).allSatisfy((seq, count) -> assertThat(count).as("reds of incident %d", seq).isEqualTo(1));
    }

    @Property
    void everyCyanIsFollowedByGreenOrRed(@ForAll("scenarios") Scenario scenario, @ForAll boolean tailPasses) {
        Runner runner = scenario.run();
        runner.apply(Input.MAINTENANCE_LEFT);
        for (int i = 0; i < scenario.patience(); i++) {
            runner.advance(Script.SECOND);
            runner.apply(Input.pulse(tailPasses));
        }

        boolean waiting = false;
        for (Observed step : runner.log()) {
            if (waiting && (step.due(Code.GREEN) || step.due(Code.RED))) {
                waiting = false;
            }
            if (step.due(Code.CYAN)) {
                waiting = true;
            }
        }
        assertThat(waiting).as("a cyan never resolved; tail of %s", tailPasses ? "passes" : "failures").isFalse();
    }

    @Property
    void maintenanceRaisesGrayOnEntryAndNothingElse(@ForAll("scenarios") Scenario scenario) {
        for (Observed step : scenario.run().log()) {
            boolean entering = step.before().stage() != Stage.MAINTENANCE && step.after().stage() == Stage.MAINTENANCE;
            if (step.before().stage() == Stage.MAINTENANCE) {
                assertThat(step.anyCode()).as("code during maintenance: %s", step).isFalse();
            } else if (entering) {
                assertThat(step.codeWords()).as("entering maintenance: %s", step).hasSize(1);
                assertThat(step.due(Code.GRAY)).isTrue();
            } else {
                assertThat(step.due(Code.GRAY)).as("gray outside entry: %s", step).isFalse();
            }
        }
    }

    @Property
    void greenAlwaysPassesAndOtherColoursKeepTheirCooldown(@ForAll("scenarios") Scenario scenario) {
        Map<Code, Long> lastRaised = new HashMap<>();
        for (Observed step : scenario.run().log()) {
            assertThat(step.suppressed()).doesNotContain(Code.GREEN);
            for (Code colour : step.raised()) {
                Long last = lastRaised.put(colour, step.now());
                if (colour != Code.GREEN && last != null) {
                    assertThat(step.now() - last).as("%s raised again too soon", colour)
                            .isGreaterThanOrEqualTo(scenario.policy().cooldownNanos(colour));
                }
            }
            for (Code colour : step.suppressed()) {
                Long last = lastRaised.get(colour);
                assertThat(last).as("%s suppressed but never raised", colour).isNotNull();
                assertThat(step.now() - last).isLessThan(scenario.policy().cooldownNanos(colour));
            }
        }
    }

    @Property
    void pulsesDuringAnInterventionDoNotMoveTheStage(@ForAll("scenarios") Scenario scenario) {
        for (Observed step : scenario.run().log()) {
            boolean pulse = step.input() == Input.PULSE_PASSED || step.input() == Input.PULSE_FAILED;
            if (pulse && step.before().stage() == Stage.INTERVENING) {
                assertThat(step.after().stage()).isEqualTo(Stage.INTERVENING);
                assertThat(step.anyCode()).isFalse();
                assertThat(step.actions()).isEmpty();
            }
        }
    }

    @Property
    void yellowComesOnlyFromAHealthyMonitorWithoutAnIncident(@ForAll("scenarios") Scenario scenario) {
        for (Observed step : scenario.run().log()) {
            if (step.due(Code.YELLOW)) {
                assertThat(step.before().stage()).isIn(Stage.HEALTHY, Stage.UNREACHABLE);
                assertThat(step.before().incidentOpen()).isFalse();
                assertThat(step.input()).isEqualTo(Input.PULSE_FAILED);
            }
        }
    }

    @Property
    void attemptsCountFromOneWithBackoffBetween(@ForAll("scenarios") Scenario scenario) {
        int expected = 0;
        for (Observed step : scenario.run().log()) {
            if (step.actions().contains(Action.OPEN_INCIDENT)) {
                expected = 1;
            }
            if (step.actions().contains(Action.SCHEDULE_ATTEMPT)) {
                expected++;
                assertThat(step.attempt()).isEqualTo(expected).isBetween(2, scenario.policy().maxAttempts());
                assertThat(step.delayNanos()).isEqualTo(scenario.policy().retryDelayNanos(step.attempt()));
            }
            if (step.actions().contains(Action.START_ATTEMPT)) {
                assertThat(step.attempt()).as("started attempt: %s", step).isEqualTo(expected);
            }
        }
    }

    @Property
    void aPassThatChangesNothingIsRecognisedFromTheColumns(@ForAll("scenarios") Scenario scenario) {
        Transition out = Transition.create();
        for (Observed step : scenario.run().log()) {
            LifecycleState state = step.after();
            if (Lifecycle.passChangesNothing(state.stage(), state.successStreak(), scenario.policy())) {
                Lifecycle.step(state, Input.PULSE_PASSED, step.now(), scenario.policy(), out);
                assertThat(out.state()).isSameAs(state);
                assertThat(out.quiet()).isTrue();
            }
        }
    }

    @Property
    void reusingTheSinkChangesNothing(@ForAll("scenarios") Scenario scenario) {
        List<Observed> shared = scenario.run().log();

        List<Observed> fresh = new ArrayList<>();
        LifecycleState state = LifecycleState.INITIAL;
        for (Observed step : shared) {
            Transition out = Lifecycle.step(state, step.input(), step.now(), scenario.policy(), Transition.create());
            fresh.add(Observed.of(state, step.input(), step.now(), out));
            state = out.state();
        }
        assertThat(fresh).isEqualTo(shared);
    }

    @Property
    void whileAParentIsDownAChildOpensNoIncidentStartsNoAttemptAndRaisesNoAlarm(@ForAll("scenarios") Scenario scenario) {
        List<Boolean> parentDown = new ArrayList<>();
        List<Observed> log = scenario.run(parentDown).log();
        for (int i = 0; i < log.size(); i++) {
            Observed step = log.get(i);
            if (parentDown.get(i)) {
                assertThat(step.actions()).as("while the parent is down: %s", step)
                        .doesNotContain(Action.OPEN_INCIDENT, Action.START_ATTEMPT, Action.SCHEDULE_ATTEMPT);
                assertThat(step.due(Code.YELLOW) || step.due(Code.RED)).as("alarm while the parent is down: %s", step)
                        .isFalse();
            }
        }
    }

    @Property
    void unreachableIsEnteredOnlyUnderADownParentAsOneQuietStageChange(@ForAll("scenarios") Scenario scenario) {
        List<Boolean> parentDown = new ArrayList<>();
        List<Observed> log = scenario.run(parentDown).log();
        for (int i = 0; i < log.size(); i++) {
            Observed step = log.get(i);
            if (step.after().stage() == Stage.UNREACHABLE && step.before().stage() != Stage.UNREACHABLE) {
                assertThat(parentDown.get(i)).as("unreachable with the parent up: %s", step).isTrue();
                assertThat(step.input()).isEqualTo(Input.PARENT_DOWN);
                assertThat(step.anyCode()).as("code on becoming unreachable: %s", step).isFalse();
                assertThat(step.actions()).containsExactly(Action.STAGE_CHANGED);
            }
            if (step.before().stage() == Stage.UNREACHABLE && step.after().stage() == Stage.UNREACHABLE) {
                assertThat(step.anyCode()).as("code while unreachable: %s", step).isFalse();
                assertThat(step.actions()).isSubsetOf(Action.IGNORED);
            }
        }
    }

    @Property
    void noChildStaysUnreachableOnceItsParentRecovers(@ForAll("scenarios") Scenario scenario) {
        Runner runner = scenario.run();
        runner.advance(Script.SECOND);
        runner.apply(Input.PARENT_RECOVERED);

        assertThat(runner.state().stage()).isNotEqualTo(Stage.UNREACHABLE);
        if (runner.log().get(runner.log().size() - 1).before().stage() == Stage.UNREACHABLE) {
            assertThat(runner.last().actions()).contains(Action.RECHECK);
        }
    }

    /** Leaves maintenance, lets a pending intervention succeed, then passes until healthy. */
    private static void recover(Runner runner, int patience) {
        runner.apply(Input.MAINTENANCE_LEFT);
        for (int i = 0; i < 4 * patience + 8 && runner.state().stage() != Stage.HEALTHY; i++) {
            runner.advance(Script.SECOND);
            LifecycleState state = runner.state();
            if (state.attemptInFlight()) {
                runner.apply(Input.ATTEMPT_SUCCEEDED);
            } else if (state.retryPending()) {
                runner.apply(Input.RETRY_DUE);
            } else {
                runner.apply(Input.PULSE_PASSED);
            }
        }
    }
}
