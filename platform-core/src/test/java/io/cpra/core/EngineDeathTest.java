package io.cpra.core;

import io.cpra.core.http.Liveness;
import io.cpra.core.http.Readiness;
import io.helidon.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead engine never leaves a zombie server: health goes down with the reason and cpra exits non-zero. */
class EngineDeathTest {

    @Test
    void healthGoesDownAndTheProcessExitsWithTheReason() {
        Readiness readiness = new Readiness();
        readiness.ready();
        Liveness liveness = new Liveness();
        List<Integer> exits = new ArrayList<>();

        Server.whenPartDies(readiness, liveness, exits::add)
                .accept("the engine thread ended: OutOfMemoryError: Java heap space");

        assertThat(readiness.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(readiness.call().details()).containsEntry("reason",
                "the engine thread ended: OutOfMemoryError: Java heap space");
        assertThat(liveness.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(liveness.call().details()).containsEntry("reason",
                "the engine thread ended: OutOfMemoryError: Java heap space");
        assertThat(exits).containsExactly(Server.PART_DIED_STATUS);
        assertThat(Server.PART_DIED_STATUS).isNotZero();
    }

    @Test
    void livenessIsDownWhileAConditionFails() {
        Liveness liveness = new Liveness();
        boolean[] stuck = {false};
        liveness.require("engine", () -> stuck[0] ? "the engine has not ticked for 12000 ms" : null);
        assertThat(liveness.call().status()).isEqualTo(HealthCheckResponse.Status.UP);
        stuck[0] = true;
        assertThat(liveness.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(liveness.call().details()).containsEntry("reason", "engine: the engine has not ticked for 12000 ms");
    }

    @Test
    void readinessSaysTheStoreIsDownButNotWhereOrWhy() {
        Readiness readiness = new Readiness();
        readiness.ready();
        boolean[] healthy = {true};
        readiness.require("storage", Server.storageCondition(() -> healthy[0]));
        assertThat(readiness.call().status()).isEqualTo(HealthCheckResponse.Status.UP);

        healthy[0] = false;

        assertThat(readiness.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(readiness.call().details()).containsEntry("reason",
                "storage: the store is unavailable; the server log has the cause");
    }
}
