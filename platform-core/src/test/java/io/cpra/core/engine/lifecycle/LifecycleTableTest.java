package io.cpra.core.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One row per line of the transition table and per decision in {@code package-info.java}.
 * Each row runs a script of inputs (see {@link Script}) from {@link LifecycleState#INITIAL} and
 * checks the final stage, every code raised along the way in order ({@code ~} marks a suppressed
 * one), the last step's actions, and selected parts of the final state.
 */
class LifecycleTableTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # row                                        | policy                | inputs            | stage       | codes over the run           | last step's actions    | final state
            H1 healthy passes                            | -                     | P P P             | HEALTHY     | -                            | -                      | F=0 S=2 closed seq=0
            H2 first failure below threshold             | u=3                   | F                 | FAILING     | yellow                       | stage                  | F=1 S=0 closed
            H3 first failure at threshold u=1            | -                     | F                 | INCIDENT    | yellow red                   | open stage             | F=1 seq=1 open red
            H4 first failure at threshold, intervention  | m=1                   | F                 | INTERVENING | yellow                       | open start:1 stage     | k=1 inflight open nored
            F1 failing, pass below healthy threshold     | u=3 h=2               | F P               | FAILING     | yellow                       | -                      | F=0 S=1
            F2 failing, healthy threshold reached        | u=3 h=2               | F P P             | HEALTHY     | yellow green                 | stage                  | S=2 closed seq=0
            F3 failing, failure below threshold          | u=3                   | F F               | FAILING     | yellow                       | -                      | F=2
            F3 a pass resets consecutive failures        | u=3                   | F F P F F         | FAILING     | yellow                       | -                      | F=2 S=0
            F4 failing, threshold, no intervention       | u=3                   | F F F             | INCIDENT    | yellow red                   | open stage             | F=3 seq=1 open red
            F5 failing, threshold, intervention          | u=2 m=1               | F F               | INTERVENING | yellow                       | open start:1 stage     | k=1 inflight
            I1 failing pulses do not move the stage      | m=1                   | F F F F           | INTERVENING | yellow                       | -                      | F=4 inflight
            I1 passing pulses do not move the stage      | m=1 h=2               | F P P P           | INTERVENING | yellow                       | -                      | F=0 S=2 inflight
            I2 attempt succeeded                         | m=1 v=3               | F S               | VERIFYING   | yellow cyan                  | stage                  | v=3 k=1 open
            I3 attempt failed, retry after base delay    | m=3 base=10 cap=60    | F X               | INTERVENING | yellow                       | schedule:2@10s         | k=2 pending
            I3 attempt timed out counts as failed        | m=2 base=10 cap=60    | F T               | INTERVENING | yellow                       | schedule:2@10s         | k=2 pending
            I3 the delay doubles                         | m=4 base=10 cap=60    | F X R X           | INTERVENING | yellow                       | schedule:3@20s         | k=3 pending
            I3 the delay is capped                       | m=4 base=10 cap=15    | F X R X           | INTERVENING | yellow                       | schedule:3@15s         | k=3 pending
            I3 a zero delay still goes through the timer | m=2 base=0 cap=0      | F X               | INTERVENING | yellow                       | schedule:2@0s          | k=2 pending
            I4 single attempt failed                     | m=1                   | F X               | INCIDENT    | yellow red                   | stage                  | k=1 red open
            I4 last attempt timed out                    | m=2                   | F T R T           | INCIDENT    | yellow red                   | stage                  | k=2 red
            I5 retry due starts the scheduled attempt    | m=2                   | F X R             | INTERVENING | yellow                       | start:2                | k=2 inflight
            I5 success of a retried attempt              | m=3                   | F X R X R S       | VERIFYING   | yellow cyan                  | stage                  | k=3
            I6 outcome while only a retry is scheduled   | m=2                   | F X S             | INTERVENING | yellow                       | ignored                | k=2 pending
            I7 retry due while the attempt is in flight  | m=2                   | F R               | INTERVENING | yellow                       | ignored                | k=1 inflight
            I9 attempt held by its budget                | m=3                   | F H               | INCIDENT    | yellow red                   | stage                  | k=1 open red
            I9 a held retry                              | m=3                   | F X R H           | INCIDENT    | yellow red                   | stage                  | k=2 red
            I9 no attempt after a held one               | m=3 h=2               | F H F F           | INCIDENT    | yellow red                   | -                      | F=3
            X2 held while only a retry is scheduled      | m=2                   | F X H             | INTERVENING | yellow                       | ignored                | k=2 pending
            X2 held while healthy                        | -                     | H                 | HEALTHY     | -                            | ignored                | -
            V1 verification pulse, more to go            | m=1 v=3               | F S P P           | VERIFYING   | yellow cyan                  | -                      | v=1
            V2 verification passes                       | m=1 v=3               | F S P P P         | HEALTHY     | yellow cyan green            | close stage            | v=0 k=0 closed seq=1
            V2 verification pulses default to h          | m=1 h=3               | F S P P P         | HEALTHY     | yellow cyan green            | close stage            | closed
            V3 verification pulse fails                  | m=1 v=3               | F S P F           | INCIDENT    | yellow cyan red              | stage                  | v=0 red open
            V3 no attempt after a failed verification    | m=3                   | F S F F F         | INCIDENT    | yellow cyan red              | -                      | k=1 F=4
            N1 incident, pass below healthy threshold    | h=3                   | F P P             | INCIDENT    | yellow red                   | -                      | S=2 open
            N2 incident, healthy threshold reached       | h=3                   | F P P P           | HEALTHY     | yellow red green             | close stage            | closed seq=1 nored
            N2 passes during the intervention count      | m=1 h=2               | F P P X P         | HEALTHY     | yellow red green             | close stage            | closed
            N3 red never twice for one incident          | -                     | F F F P F F       | INCIDENT    | yellow red                   | -                      | F=2 red
            N4 red after maintenance cut the attempt     | u=2 m=1               | F F M L F F       | INCIDENT    | yellow gray red              | -                      | F=2 red k=0
            N4 below threshold it waits                  | u=2 m=1               | F F M L F         | INCIDENT    | yellow gray                  | -                      | F=1 nored
            N4 passes close it without a red             | m=1                   | F M L P P         | HEALTHY     | yellow gray green            | close stage            | closed
            M1 enter maintenance from healthy            | -                     | M                 | MAINTENANCE | gray                         | stage                  | closed
            M1 from failing                              | u=3                   | F M               | MAINTENANCE | yellow gray                  | stage                  | F=0 closed
            M1 from an incident, which stays open        | -                     | F M               | MAINTENANCE | yellow red gray              | stage                  | F=0 seq=1 open red
            M1 from intervening, attempt forgotten       | m=2                   | F M               | MAINTENANCE | yellow gray                  | stage                  | k=0 open nored
            M1 from verifying                            | m=1                   | F S M             | MAINTENANCE | yellow cyan gray             | stage                  | v=0 open
            M2 pulses are ignored                        | -                     | M F F P           | MAINTENANCE | gray                         | ignored                | F=0 S=0
            M2 entering twice raises one gray            | -                     | M M               | MAINTENANCE | gray                         | ignored                | -
            M2 late attempt outcome is ignored           | m=1                   | F M S             | MAINTENANCE | yellow gray                  | ignored                | k=0
            M2 retry timer is ignored                    | m=2                   | F X M R           | MAINTENANCE | yellow gray                  | ignored                | k=0
            M3 leave with the incident open              | -                     | F M L             | INCIDENT    | yellow red gray              | stage                  | F=0 open red
            M4 leave without an incident                 | -                     | M L               | HEALTHY     | gray                         | stage                  | F=0 S=0 closed
            M4 leaving drops a yellow without green      | u=3                   | F M L             | HEALTHY     | yellow gray                  | stage                  | closed
            M4 the next failure is a first failure again | u=3                   | F M L F           | FAILING     | yellow gray yellow           | stage                  | F=1
            M4 leave while paused, healthy before        | -                     | M Q               | HEALTHY     | gray                         | stage                  | F=0 closed
            M5 leave while paused, failing before        | u=3                   | F M Q             | FAILING     | yellow gray                  | stage                  | F=1 closed
            M5 then the next failure counts on           | u=3                   | F M Q F F         | INCIDENT    | yellow gray red              | open stage             | F=3 open red
            M3 leave while paused with the incident open | -                     | F M Q             | INCIDENT    | yellow red gray              | stage                  | open red
            M3 no new attempt after maintenance          | m=1                   | F M L S           | INCIDENT    | yellow gray                  | ignored                | k=0
            X1 leave while not in maintenance            | -                     | L                 | HEALTHY     | -                            | ignored                | -
            X1 attempt outcome while healthy             | -                     | S                 | HEALTHY     | -                            | ignored                | -
            X1 retry due while failing                   | u=3                   | F R               | FAILING     | yellow                       | ignored                | -
            X1 attempt outcome during an incident        | -                     | F X               | INCIDENT    | yellow red                   | ignored                | -
            X1 attempt outcome while verifying           | m=1                   | F S S             | VERIFYING   | yellow cyan                  | ignored                | -
            C1 yellow within its cooldown is suppressed  | u=3 cd.yellow=60      | F P P F           | FAILING     | yellow green ~yellow         | stage                  | F=1
            C1 yellow after its cooldown is raised       | u=3 cd.yellow=60      | F P P +60s F      | FAILING     | yellow green yellow          | stage                  | -
            C1 window runs from the last raised code     | u=3 cd.yellow=10      | F P P +5s F P P +5s F | FAILING | yellow green ~yellow green yellow | stage             | -
            C2 green is never held back                  | u=3                   | F P P F P P       | HEALTHY     | yellow green yellow green    | stage                  | -
            C3 a suppressed red still opens the incident | cd.red=60             | F P P F           | INCIDENT    | yellow red green yellow ~red | open stage             | seq=2 open red
            C3 a suppressed red uses up the incident red | cd.red=60             | F P P F F F       | INCIDENT    | yellow red green yellow ~red | -                      | red
            C4 gray within its cooldown                  | cd.gray=60            | M L M             | MAINTENANCE | gray ~gray                   | stage                  | -
            C5 cyan within its cooldown                  | m=1 cd.cyan=60        | F S P P F S       | VERIFYING   | yellow cyan green yellow ~cyan | stage                | seq=2
            D1 healthy child of a down parent            | -                     | D                 | UNREACHABLE | -                            | stage                  | F=0 S=0 closed seq=0
            D1 failing child, counters reset             | u=3                   | F F D             | UNREACHABLE | yellow                       | stage                  | F=0 closed seq=0
            D1 no incident however long it lasts         | -                     | D D D D           | UNREACHABLE | -                            | ignored                | closed seq=0
            D2 intervening child, attempt forgotten      | m=2                   | F D               | UNREACHABLE | yellow                       | stage                  | k=0 open nored
            D2 verifying child                           | m=1 v=3               | F S D             | UNREACHABLE | yellow cyan                  | stage                  | v=0 open
            D2 child in an incident keeps it             | -                     | F D               | UNREACHABLE | yellow red                   | stage                  | F=0 open red
            D3 parent recovered, no incident             | -                     | D U               | HEALTHY     | -                            | recheck stage          | F=0 S=0 closed
            D3 parent recovered, incident open           | -                     | F D U             | INCIDENT    | yellow red                   | recheck stage          | open red
            D3 a yellow still out gets its green         | u=3                   | F F D U           | HEALTHY     | yellow green                 | recheck stage          | closed
            D3 then a failure is a first failure again   | u=3                   | F D U F           | FAILING     | yellow green yellow          | stage                  | F=1
            D3 no new attempt after an unreachable spell | m=1                   | F D U S           | INCIDENT    | yellow                       | ignored                | k=0
            D3 its red once failures reach u             | u=2 m=1               | F F D U F F       | INCIDENT    | yellow red                   | -                      | F=2 red
            D4 a pass ends it                            | h=2                   | D P               | HEALTHY     | -                            | stage                  | S=1 closed
            D4 a failure with the parents up ends it     | u=3                   | D F               | FAILING     | yellow                       | stage                  | F=1
            D4 a pass pays the green owed                | u=3 h=2               | F D P             | HEALTHY     | yellow green                 | stage                  | S=1 closed
            D4f failing on after a yellow, no second one | u=3                   | F D F             | FAILING     | yellow                       | stage                  | F=1
            D4f and its threshold counts afresh          | u=2                   | F D F F           | INCIDENT    | yellow red                   | open stage             | F=2 open
            D4 a failure at threshold opens the incident | -                     | D F               | INCIDENT    | yellow red                   | open stage             | seq=1 open
            D4 passes close a kept incident              | h=2                   | F D P P           | HEALTHY     | yellow red green             | close stage            | closed
            D5 maintenance while unreachable             | -                     | D M               | MAINTENANCE | gray                         | stage                  | closed
            D5 maintenance drops the green owed          | u=3                   | F D M L           | HEALTHY     | yellow gray                  | stage                  | closed
            D6 late attempt outcome is ignored           | m=1                   | F D X             | UNREACHABLE | yellow                       | ignored                | k=0
            D6 retry timer is ignored                    | m=2                   | F X D R           | UNREACHABLE | yellow                       | ignored                | k=0
            D6 leave maintenance is ignored              | -                     | D L               | UNREACHABLE | -                            | ignored                | -
            D7 maintenance ignores parent down           | -                     | M D               | MAINTENANCE | gray                         | ignored                | -
            D7 maintenance ignores parent recovered      | -                     | M U               | MAINTENANCE | gray                         | ignored                | -
            D8 parent recovered while healthy            | -                     | U                 | HEALTHY     | -                            | ignored                | -
            D8 parent recovered during an incident       | -                     | F U               | INCIDENT    | yellow red                   | ignored                | -
            """)
    void row(String row, String policy, String inputs, Stage stage, String codes, String actions, String checks) {
        Runner runner = Script.run(Script.policy(policy), inputs, 0L);
        LifecycleState state = runner.state();

        String where = row + " after " + inputs + " ended in " + state;
        assertThat(state.stage()).as("stage; %s", where).isEqualTo(stage);
        assertThat(runner.log().stream().flatMap(step -> step.codeWords().stream()).toList())
                .as("codes over the run; %s", where).isEqualTo(Script.words(codes));
        assertThat(Script.actionWords(runner.last()))
                .as("last step's actions; %s", where).containsExactlyInAnyOrderElementsOf(Script.words(actions));
        for (String check : Script.words(checks)) {
            assertThat(stateValue(state, check)).as("%s; %s", check, where).isTrue();
        }
    }

    private static boolean stateValue(LifecycleState state, String check) {
        String[] pair = check.split("=", 2);
        return switch (pair[0]) {
            case "F" -> state.consecutiveFailures() == number(pair);
            case "S" -> state.successStreak() == number(pair);
            case "k" -> state.attempts() == number(pair);
            case "v" -> state.verifyRemaining() == number(pair);
            case "seq" -> state.incidentSeq() == number(pair);
            case "open" -> state.incidentOpen();
            case "closed" -> !state.incidentOpen();
            case "red" -> state.redRaised();
            case "nored" -> !state.redRaised();
            case "inflight" -> state.attemptInFlight();
            case "pending" -> state.retryPending();
            default -> throw new IllegalArgumentException("unknown state check " + check);
        };
    }

    private static int number(String[] pair) {
        assertThat(pair).as("check needs a value").hasSize(2);
        return Integer.parseInt(pair[1]);
    }

    @ParameterizedTest(name = "cooldown with the clock starting at {0}")
    @CsvSource({
            "-9223372036854775808",
            "-30000000000",
            "0",
            "9223372036854775797",
    })
    void cooldownWorksAcrossTheWholeClockRange(long start) {
        Policy policy = Script.policy("u=3 cd.yellow=10");
        // the clock crosses zero or wraps past Long.MAX_VALUE on the way for some of these starts
        Runner runner = Script.run(policy, "F P P F P P +20s F", start);

        List<String> codes = runner.log().stream().flatMap(step -> step.codeWords().stream()).toList();
        assertThat(codes).containsExactly("yellow", "green", "~yellow", "green", "yellow");
    }
}
