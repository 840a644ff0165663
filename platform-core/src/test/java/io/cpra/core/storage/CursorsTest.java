package io.cpra.core.storage;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTest {

    @Property
    void aCursorCarriesItsKeyBack(@ForAll long key) {
        String cursor = Cursors.encode(Cursors.EVENTS, key);

        assertThat(Cursors.decode(Cursors.EVENTS, cursor)).isEqualTo(key);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Property
    void aCursorOfAnotherListingIsRefused(@ForAll long key) {
        String cursor = Cursors.encode(Cursors.INCIDENTS, key);

        assertThatThrownBy(() -> Cursors.decode(Cursors.OUTBOX, cursor)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void limitsOutsideOneToAThousandAreRefused(@ForAll @IntRange(min = -5, max = 1005) int limit) {
        if (limit >= 1 && limit <= 1000) {
            Cursors.checkLimit(limit);
        } else {
            assertThatThrownBy(() -> Cursors.checkLimit(limit)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
