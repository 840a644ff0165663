package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aFailedCreationLeavesNothingBehind() {
        SharedInstances<String, String> shared = SharedInstances.create();

        assertThatThrownBy(() -> shared.acquire("a", key -> {
            throw new IllegalStateException("cannot connect");
        })).hasMessage("cannot connect");
        assertThat(shared.size()).isZero();
        assertThat(shared.acquire("a", key -> "made")).isEqualTo("made");
    }

    @Test
    void cleanUpRunsOutsideTheLockSoItMayUseTheRegistry() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        AtomicReference<SharedInstances<String, String>> holder = new AtomicReference<>();
        holder.set(SharedInstances.create(instance -> {
            // another thread must get the lock while the clean-up runs
            Thread other = new Thread(() -> seen.add("size " + holder.get().size()));
            other.start();
            try {
                other.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.get().acquire("a", key -> key);

        holder.get().release("a");

        assertThat(seen).containsExactly("size 0");
    }

    @Test
    void concurrentAcquiresAndReleasesKeepTheCount() throws InterruptedException {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger cleaned = new AtomicInteger();
        SharedInstances<Integer, Object> shared = SharedInstances.create(instance -> cleaned.incrementAndGet());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    shared.acquire(i % 7, key -> {
                        created.incrementAndGet();
                        return new Object();
                    });
                    shared.release(i % 7);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(shared.size()).isZero();
        assertThat(cleaned.get()).isEqualTo(created.get());
    }
}
