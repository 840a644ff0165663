package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedInstancesTest {

    @Test
    void equalKeysShareOneInstanceUntilTheLastRelease() {
        List<String> cleaned = new ArrayList<>();
        SharedInstances<String, StringBuilder> shared = SharedInstances.create(instance -> cleaned.add(instance.toString()));

        StringBuilder first = shared.acquire("a", key -> new StringBuilder(key));
        StringBuilder second = shared.acquire("a", key -> new StringBuilder("other"));
        shared.acquire("b", key -> new StringBuilder(key));

        assertThat(second).isSameAs(first);
        assertThat(shared.size()).isEqualTo(2);
        shared.release("a");
        assertThat(cleaned).isEmpty();
        shared.release("a");
        assertThat(cleaned).containsExactly("a");
        shared.release("a");
        assertThat(cleaned).containsExactly("a");
        assertThat(shared.size()).isEqualTo(1);
        assertThat(shared.acquire("a", key -> new StringBuilder("fresh")).toString()).isEqualTo("fresh");
    }
}
