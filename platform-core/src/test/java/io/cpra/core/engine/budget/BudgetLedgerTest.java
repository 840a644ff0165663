package io.cpra.core.engine.budget;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A budget is never exceeded, whatever the order of starts, ends and time. */
class BudgetLedgerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void concurrentAttemptsAreLimitedAndAPlaceGivenBackIsFreeAgain() {
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("payments/docker", 2, 0, 0, 0));

        ledger.take(0);
        ledger.take(0);
        assertThat(ledger.hasRoom(0)).isFalse();
        assertThatThrownBy(() -> ledger.take(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payments/docker");
        ledger.give();
        assertThat(ledger.hasRoom(0)).isTrue();
    }

    @Test
    void startsPerWindowAreLimitedEvenWhenEachEndsAtOnce() {
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("*/docker", 0, 2, 10 * SECOND, 0));

        ledger.take(0);
        ledger.give();
        ledger.take(4 * SECOND);
        ledger.give();
        assertThat(ledger.hasRoom(9 * SECOND)).isFalse();
        assertThat(ledger.hasRoom(10 * SECOND)).isTrue();
        assertThat(ledger.startedWithin(10 * SECOND)).isEqualTo(1);
    }

    @Test
    void theWindowWorksAcrossTheEndsOfTheClock() {
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("*/docker", 0, 1, 10 * SECOND, 0));

        ledger.take(Long.MAX_VALUE - SECOND);
        ledger.give();
        assertThat(ledger.hasRoom(Long.MAX_VALUE)).isFalse();
        assertThat(ledger.hasRoom(Long.MIN_VALUE + 9 * SECOND)).isTrue();
    }

    @Test
    void smallerLimitsAfterAReloadKeepTheNewestStarts() {
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("a/*", 0, 3, 10 * SECOND, 0));
        ledger.take(0);
        ledger.take(SECOND);
        ledger.take(2 * SECOND);

        ledger.limits(new BudgetLimits("a/*", 0, 2, 10 * SECOND, 0));

        assertThat(ledger.hasRoom(10 * SECOND)).isFalse();  // the starts at 1 s and 2 s count
        assertThat(ledger.hasRoom(11 * SECOND)).isTrue();
        assertThat(ledger.running()).isEqualTo(3);
    }

    /** One move: try to start, end one running attempt, or let time pass. */
    enum Move { START, END, WAIT }

    @Provide
    Arbitrary<List<Move>> moves() {
        return Arbitraries.of(Move.class).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property
    void neitherLimitIsEverExceeded(@ForAll("moves") List<Move> moves,
                                    @ForAll @IntRange(min = 0, max = 4) int concurrent,
                                    @ForAll @IntRange(min = 0, max = 5) int max,
                                    @ForAll @IntRange(min = 1, max = 30) int perSeconds,
                                    @ForAll long start) {
        if (concurrent == 0 && max == 0) {
            concurrent = 1;
        }
        long per = max == 0 ? 0 : perSeconds * SECOND;
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("g/t", concurrent, max, per, 0));
        long now = start;
        int running = 0;
        List<Long> starts = new ArrayList<>();
        for (Move move : moves) {
            switch (move) {
                case START -> {
                    if (ledger.hasRoom(now)) {
                        ledger.take(now);
                        running++;
                        starts.add(now);
                    }
                }
                case END -> {
                    if (running > 0) {
                        ledger.give();
                        running--;
                    }
                }
                case WAIT -> now += 3 * SECOND;
            }
            assertThat(ledger.running()).isEqualTo(running);
            if (concurrent > 0) {
                assertThat(running).isLessThanOrEqualTo(concurrent);
            }
            if (max > 0) {
                long at = now;
                long inWindow = starts.stream().filter(t -> at - t < per).count();
                assertThat(inWindow).as("starts within %d s of %d", perSeconds, at).isLessThanOrEqualTo(max);
            }
        }
    }

    @Property
    void roomIsRefusedOnlyWhenALimitIsReached(@ForAll("moves") List<Move> moves) {
        BudgetLedger ledger = new BudgetLedger(new BudgetLimits("g/t", 2, 3, 10 * SECOND, 0));
        long now = 0;
        List<Long> starts = new ArrayList<>();
        for (Move move : moves) {
            if (move == Move.START) {
                long at = now;
                boolean windowFull = starts.stream().filter(t -> at - t < 10 * SECOND).count() >= 3;
                assertThat(ledger.hasRoom(now)).isEqualTo(ledger.running() < 2 && !windowFull);
                if (ledger.hasRoom(now)) {
                    ledger.take(now);
                    starts.add(now);
                }
            } else if (move == Move.END) {
                ledger.give();
            } else {
                now += 3 * SECOND;
            }
        }
    }
}
