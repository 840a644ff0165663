package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternerTest {

    @Test
    void equalValuesShareTheFirstInstance() {
        Interner<String> interner = Interner.create();
        String first = new String("spec");
        String second = new String("spec");

        assertThat(interner.intern(first)).isSameAs(first);
        assertThat(interner.intern(second)).isSameAs(first);
        assertThat(interner.intern("other")).isEqualTo("other");
        assertThat(interner.size()).isEqualTo(2);
    }
}
