package io.cpra.bench.realtarget;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {

    private final MonitorGroup ok = new MonitorGroup(Target.HTTP_OK, 10, Duration.ofSeconds(10), Duration.ofSeconds(2), 1);
    private final MonitorGroup closed = new MonitorGroup(Target.TCP_CLOSED, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
    private final MonitorGroup slow = new MonitorGroup(Target.HTTP_SLOW, 3, Duration.ofSeconds(3), Duration.ofSeconds(2), 1);
    private final Roster roster = new Roster(List.of(ok, closed, slow));

    @Test
    void aLineStartsAtItsEndLessItsRequestTime() {
        AccessLog.Parsed parsed = AccessLog.parse("1796652124.108 2.001 499 s0000002 17 3", roster);

        assertThat(parsed).isEqualTo(new AccessLog.Parsed(1_796_652_124_108L - 2_001, 10 + 5 + 2, 499));
    }

    @Test
    void namesOutsideTheRosterAreUnattributedAndOtherFormatsMalformed() {
        assertThat(AccessLog.parse("1796652124.108 0.000 200 - 1 1", roster).monitor()).isEqualTo(-1);
        assertThat(AccessLog.parse("1796652124.108 0.000 200 h0000010 1 1", roster).monitor())
                .as("index past the group's count").isEqualTo(-1);
        assertThat(AccessLog.parse("1796652124.108 0.000 200 x0000001 1 1", roster).monitor())
                .as("no group has that letter").isEqualTo(-1);
        assertThat(AccessLog.parse("1796652124.108 0.000 200 h000001 1 1", roster).monitor())
                .as("too few digits").isEqualTo(-1);
        assertThat(AccessLog.parse("1796652124.1 0.000 200 h0000001", roster)).as("two decimals").isNull();
        assertThat(AccessLog.parse("garbage", roster)).isNull();
        assertThat(AccessLog.parse("1796652124.108 -.000 200 h0000001", roster)).isNull();

        AccessLog log = AccessLog.of(List.of("1.000 0.000 200 h0000001 1 1", "1.000 0.000 200 - 1 2", "junk"), roster);
        assertThat(log.size()).isOne();
        assertThat(log.unattributed()).isOne();
        assertThat(log.malformed()).isOne();
    }

    @Test
    void aRosterNumbersEachGroupAfterThePreviousOne() {
        assertThat(roster.size()).isEqualTo(18);
        assertThat(roster.number("h0000000")).isZero();
        assertThat(roster.number("c0000004")).isEqualTo(14);
        assertThat(roster.number("s0000000")).isEqualTo(15);
        assertThat(roster.groupOf(14)).isEqualTo(closed);
        assertThat(roster.groupOf(15)).isEqualTo(slow);
        assertThat(ok.name(7)).isEqualTo("h0000007");
        assertThat(roster.number(ok.name(7))).isEqualTo(7);
    }
}
