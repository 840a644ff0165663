package io.cpra.testing.postgres;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunAsTest {

    @Test
    void rootRunsTheServerAsNobodyThroughSetpriv() {
        RunAs runAs = RunAs.forUid(0, 65534, 65533);

        assertThat(runAs.user()).isEqualTo("nobody");
        assertThat(runAs.command(List.of("initdb", "-D", "x")))
                .containsExactly("setpriv", "--reuid=65534", "--regid=65533", "--clear-groups", "--", "initdb", "-D", "x");
    }

    @Test
    void anyOtherUserRunsItAsItself() {
        RunAs runAs = RunAs.forUid(1000, 65534, 65533);

        assertThat(runAs.user()).isNull();
        assertThat(runAs.command(List.of("initdb"))).containsExactly("initdb");
    }
}
