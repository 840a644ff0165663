package io.cpra.core.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class EntityStoreTest {

    private final EntityStore<Runnable, String> store = EntityStore.create();

    @Test
    void anAddedRowIsLiveAndStartsAtZero() {
        Runnable check = () -> { };
        long handle = store.add("web-1", check, "spec");
        int row = store.row(handle);

        assertThat(store.isLive(handle)).isTrue();
        assertThat(store.handleOf(row)).isEqualTo(handle);
        assertThat(EntityStore.generationOf(handle) & 1).isEqualTo(1);
        assertThat(store.name().get(row)).isEqualTo("web-1");
        assertThat(store.check().get(row)).isSameAs(check);
        assertThat(store.spec().get(row)).isEqualTo("spec");
        assertThat(store.stage().get(row)).isZero();
        assertThat(store.consecutiveFailures().get(row)).isZero();
        assertThat(store.fingerprint().get(row)).isZero();
        assertThat(store.flags().get(row)).isZero();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aRemovedMonitorsHandleIsStale() {
        long handle = store.add("web-1", null, null);
        assertThat(store.remove(handle)).isTrue();

        assertThat(store.isLive(handle)).isFalse();
        assertThat(store.rowIfLive(handle)).isEqualTo(-1);
        assertThat(store.remove(handle)).isFalse();
        assertThatThrownBy(() -> store.row(handle))
                .isInstanceOf(StaleHandleException.class)
                .hasMessageContaining("row 0")
                .hasMessageContaining("the row is free")
                .extracting(e -> ((StaleHandleException) e).handle()).isEqualTo(handle);
        assertThat(store.size()).isZero();
    }

    @Test
    void aReusedRowGetsANewGenerationAndStartsAtZeroAgain() {
        long first = store.add("web-1", null, "a");
        int row = store.row(first);
        store.consecutiveFailures().set(row, 5);
        store.fingerprint().set(row, 77L);
        store.flags().raise(row, EntityStore.PAUSED);
        store.remove(first);

        long second = store.add("web-2", null, null);
        int reused = store.row(second);
        assertThat(reused).isEqualTo(row);
        assertThat(second).isNotEqualTo(first);
        assertThat(store.isLive(first)).isFalse();
        assertThatThrownBy(() -> store.row(first)).hasMessageContaining("now holds another monitor");
        assertThat(store.consecutiveFailures().get(reused)).isZero();
        assertThat(store.fingerprint().get(reused)).isZero();
        assertThat(store.flags().get(reused)).isZero();
        assertThat(store.spec().get(reused)).isNull();
        assertThat(store.name().get(reused)).isEqualTo("web-2");
    }

    @Test
    void handlesThatNeverNamedARowAreStale() {
        store.add("web-1", null, null);
        assertThat(store.isLive(EntityStore.NO_HANDLE)).isFalse();
        assertThat(store.isLive((1L << 32) | 5)).isFalse();
        assertThat(store.isLive((1L << 32) | 0xFFFF_FFFFL)).isFalse();
        assertThatThrownBy(() -> store.row((1L << 32) | 5)).hasMessageContaining("no such row");
    }

    @Test
    void rowsGrowAcrossPagesWithoutLosingValues() {
        int count = 2 * EntityStore.PAGE_ROWS + 5;
        long[] handles = new long[count];
        store.addAll(count, (i, row) -> {
            store.name().set(row, "m" + i);
            store.fingerprint().set(row, 3L * i);
        }, handles, 0);

        assertThat(store.size()).isEqualTo(count);
        assertThat(store.rowBound()).isEqualTo(count);
        assertThat(store.capacity()).isEqualTo(3L * EntityStore.PAGE_ROWS);
        for (int i = 0; i < count; i++) {
            int row = store.row(handles[i]);
            assertThat(store.fingerprint().get(row)).isEqualTo(3L * i);
            assertThat(store.name().get(row)).isEqualTo("m" + i);
        }
    }

    @Test
    void batchAddWritesHandlesAtTheOffset() {
        long[] handles = new long[6];
        int added = store.addAll(3, (i, row) -> store.name().set(row, "b" + i), handles, 2);

        assertThat(added).isEqualTo(3);
        assertThat(handles[0]).isEqualTo(EntityStore.NO_HANDLE);
        assertThat(handles[5]).isEqualTo(EntityStore.NO_HANDLE);
        for (int i = 0; i < 3; i++) {
            assertThat(store.name().get(store.row(handles[2 + i]))).isEqualTo("b" + i);
        }
    }

    @Test
    void batchAddChecksRoomBeforeAddingAnything() {
        EntityStore<Object, Object> small = EntityStore.create(4);
        small.addAll(3, (i, row) -> small.name().set(row, "x"), new long[3], 0);
        assertThatThrownBy(() -> small.addAll(2, (i, row) -> { }, new long[2], 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entity store full: 3 rows of at most 4, cannot add 2");
        assertThat(small.size()).isEqualTo(3);
        small.add("last", null, null);
        assertThatThrownBy(() -> small.add("one too many", null, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchRemoveSeesEachRowBeforeItGoesAndSkipsStaleHandles() {
        long a = store.add("a", null, null);
        long b = store.add("b", null, null);
        long c = store.add("c", null, null);
        store.remove(b);
        List<String> seen = new ArrayList<>();

        int removed = store.removeAll(new long[] {a, b, c, a, EntityStore.NO_HANDLE}, 0, 5,
                row -> seen.add(store.name().get(row)));

        assertThat(removed).isEqualTo(2);
        assertThat(seen).containsExactly("a", "c");
        assertThat(store.size()).isZero();
    }

    @Test
    void batchUpdateWritesLiveRowsOnly() {
        long a = store.add("a", null, null);
        long b = store.add("b", null, null);
        store.remove(a);
        List<Integer> indexes = new ArrayList<>();

        int written = store.updateAll(new long[] {a, b}, 0, 2, (i, row) -> {
            indexes.add(i);
            store.lastLatencyMicros().set(row, 1234);
        });

        assertThat(written).isEqualTo(1);
        assertThat(indexes).containsExactly(1);
        assertThat(store.lastLatencyMicros().get(store.row(b))).isEqualTo(1234);
    }

    @Test
    void iterationVisitsLiveRowsInOrderAndResumes() {
        long[] handles = new long[EntityStore.PAGE_ROWS + 10];
        store.addAll(handles.length, (i, row) -> { }, handles, 0);
        for (int i = 0; i < handles.length; i += 3) {
            store.remove(handles[i]);
        }
        List<Integer> all = new ArrayList<>();
        int visited = store.forEachLive(all::add);
        assertThat(visited).isEqualTo(store.size()).isEqualTo(all.size());
        assertThat(all).isSorted().doesNotContain(0, 3, 6).contains(1, 2, 4, EntityStore.PAGE_ROWS + 9);

        List<Integer> resumed = new ArrayList<>();
        int from = 0;
        while (from >= 0) {
            from = store.forEachLive(from, 1_000, resumed::add);
        }
        assertThat(resumed).isEqualTo(all);
    }

    @Test
    void iterationMayRemoveTheRowsItVisits() {
        long[] handles = new long[100];
        store.addAll(100, (i, row) -> { }, handles, 0);
        int visited = store.forEachLive(row -> store.remove(store.handleOf(row)));
        assertThat(visited).isEqualTo(100);
        assertThat(store.size()).isZero();
    }

    @Test
    void flagBitsAreIndependent() {
        int row = store.row(store.add("f", null, null));
        ByteColumn flags = store.flags();
        flags.raise(row, EntityStore.PULSE_IN_FLIGHT | EntityStore.MAINTENANCE);
        flags.lower(row, EntityStore.PULSE_IN_FLIGHT);

        assertThat(flags.has(row, EntityStore.MAINTENANCE)).isTrue();
        assertThat(flags.has(row, EntityStore.PULSE_IN_FLIGHT)).isFalse();
        assertThat(flags.has(row, EntityStore.MAINTENANCE | EntityStore.PAUSED)).isFalse();
        assertThat(flags.get(row)).isEqualTo((byte) EntityStore.MAINTENANCE);
    }

    @Test
    void countersSaturateInsteadOfWrapping() {
        int row = store.row(store.add("c", null, null));
        store.consecutiveFailures().set(row, Integer.MAX_VALUE - 1);
        assertThat(store.consecutiveFailures().increment(row)).isEqualTo(Integer.MAX_VALUE);
        assertThat(store.consecutiveFailures().increment(row)).isEqualTo(Integer.MAX_VALUE);
        store.interventionAttempts().set(row, Short.MAX_VALUE);
        assertThat(store.interventionAttempts().increment(row)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> store.add(null, null, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> store.addAll(3, (i, row) -> { }, new long[2], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> store.forEachLive(-1, 5, row -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntityStore.create(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void touchingAFreeRowTripsAnAssertion() {
        assumeTrue(assertionsEnabled(), "needs -ea");
        long handle = store.add("gone", null, null);
        int row = store.row(handle);
        store.remove(handle);
        assertThatThrownBy(() -> store.stage().get(row)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("row 0 is not live");
    }

    @Test
    void anotherThreadTripsTheOwnerCheck() {
        assumeTrue(assertionsEnabled(), "needs -ea");
        long handle = store.add("mine", null, null);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.isLive(handle));
        assertThatThrownBy(other::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AssertionError.class)
                .hasMessageContaining("engine thread only");
    }

    private static boolean assertionsEnabled() {
        boolean enabled = false;
        assert enabled = true;
        return enabled;
    }
}
