package io.cpra.core.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EntityStorePropertyTest {

    /**
     * Random adds, single and batch removes against a map of the handles that should be live:
     * live handles read back their own row, removed ones are stale forever, and no two live
     * handles share a row.
     */
    @Property(tries = 300)
    void handlesStayTrueThroughAddRemoveAndReuse(@ForAll("operations") List<Integer> operations) {
        EntityStore<Object, Object> store = EntityStore.create();
        Map<Long, String> live = new HashMap<>();
        List<Long> removed = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        int serial = 0;
        for (int op : operations) {
            if (op < 50 || order.isEmpty()) {
                String name = "m" + serial++;
                long handle = store.add(name, null, null);
                assertThat(live.put(handle, name)).as("handle handed out twice").isNull();
                order.add(handle);
            } else if (op < 85) {
                long handle = order.remove(op % order.size());
                assertThat(store.remove(handle)).isTrue();
                live.remove(handle);
                removed.add(handle);
            } else {
                // a batch mixing live and stale handles
                int take = Math.min(order.size(), 1 + op % 5);
                long[] batch = new long[take + 1];
                for (int i = 0; i < take; i++) {
                    batch[i] = order.remove(order.size() - 1);
                }
                batch[take] = removed.isEmpty() ? EntityStore.NO_HANDLE : removed.get(op % removed.size());
                Set<Integer> seen = new HashSet<>();
                int count = store.removeAll(batch, 0, batch.length, seen::add);
                assertThat(count).isEqualTo(take).isEqualTo(seen.size());
                for (int i = 0; i < take; i++) {
                    live.remove(batch[i]);
                    removed.add(batch[i]);
                }
            }
            assertThat(store.size()).isEqualTo(live.size());
        }
        Set<Integer> rows = new HashSet<>();
        live.forEach((handle, name) -> {
            int row = store.row(handle);
            assertThat(rows.add(row)).as("row %d shared", row).isTrue();
            assertThat(store.name().get(row)).isEqualTo(name);
            assertThat(store.handleOf(row)).isEqualTo(handle);
        });
        for (long handle : removed) {
            assertThat(store.isLive(handle)).as("stale %s", EntityStore.describe(handle)).isFalse();
        }
        Set<Integer> visited = new HashSet<>();
        store.forEachLive(visited::add);
        assertThat(visited).isEqualTo(rows);
    }

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(0, 99).list().ofMaxSize(400);
    }
}
