package io.cpra.core.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The single-threaded contract of {@link RingQueue}, run against every variant. */
class RingQueueTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 4", "5, 8", "1000, 1024", "1024, 1024", "536870913, 1073741824",
            "1073741824, 1073741824"})
    void capacityIsRoundedUpToAPowerOfTwo(int requested, int expected) {
        assertThat(RingBase.ringCapacity(requested)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantReportsItsRoundedCapacity(Variant v) {
        assertThat(v.create(1000).capacity()).isEqualTo(1024);
        assertThat(v.create(1).capacity()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void capacityOutOfRangeIsRejectedWithTheValue(Variant v) {
        for (int bad : new int[] {0, -1, RingQueue.MAX_CAPACITY + 1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> v.create(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void pollReturnsElementsInOfferOrderThenNull(Variant v) {
        RingQueue<String> q = v.create(8);
        assertThat(q.poll()).isNull();
        for (String s : List.of("a", "b", "c")) {
            assertThat(q.offer(s)).isTrue();
        }
        assertThat(q.poll()).isEqualTo("a");
        assertThat(q.poll()).isEqualTo("b");
        assertThat(q.poll()).isEqualTo("c");
        assertThat(q.poll()).isNull();
        assertThat(q.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void offerFailsAtCapacityAndSucceedsAgainAfterAPoll(Variant v) {
        RingQueue<Integer> q = v.create(4);
        for (int i = 0; i < 4; i++) {
            assertThat(q.offer(i)).isTrue();
            assertThat(q.size()).isEqualTo(i + 1);
        }
        assertThat(q.offer(99)).isFalse();
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.poll()).isZero();
        assertThat(q.offer(4)).isTrue();
        assertThat(q.offer(99)).isFalse();
        assertThat(drainAll(q)).containsExactly(1, 2, 3, 4);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void batchOfferAcceptsThePrefixThatFits(Variant v) {
        RingQueue<Integer> q = v.create(8);
        assertThat(q.offer(new Integer[] {0, 1, 2, 3, 4}, 0, 5)).isEqualTo(5);
        Integer[] batch = {5, 6, 7, 8, 9, 10};
        assertThat(q.offer(batch, 0, 6)).isEqualTo(3);
        assertThat(q.size()).isEqualTo(8);
        assertThat(q.offer(batch, 3, 3)).isZero();
        assertThat(drainAll(q)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(batch).as("the batch is not modified").containsExactly(5, 6, 7, 8, 9, 10);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void batchOfferTakesItsRangeInOrder(Variant v) {
        RingQueue<String> q = v.create(8);
        assertThat(q.offer(new String[] {"x", "a", "b", "c", "y"}, 1, 3)).isEqualTo(3);
        assertThat(q.offer(new String[] {"z"}, 0, 0)).isZero();
        assertThat(drainAll(q)).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void batchLargerThanCapacityFillsTheQueueExactly(Variant v) {
        RingQueue<Integer> q = v.create(4);
        Integer[] batch = new Integer[10];
        Arrays.setAll(batch, i -> i);
        assertThat(q.offer(batch, 0, 10)).isEqualTo(4);
        assertThat(drainAll(q)).containsExactly(0, 1, 2, 3);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void batchOfferOutsideTheArrayIsRejected(Variant v) {
        RingQueue<String> q = v.create(8);
        String[] batch = {"a", "b"};
        assertThatThrownBy(() -> q.offer(batch, 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> q.offer(batch, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> q.offer(batch, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(q.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void nullsAreRejectedAndABatchWithANullAddsNothing(Variant v) {
        RingQueue<String> q = v.create(8);
        assertThatThrownBy(() -> q.offer((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(new String[] {"a", "b", null, "d"}, 0, 4))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("batch[2]");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.offer(new String[] {"a", null}, 0, 1)).as("a null outside the range is fine").isEqualTo(1);
        assertThat(drainAll(q)).containsExactly("a");
        for (int i = 0; i < 6; i++) {
            q.offer("f" + i);
        }
        assertThat(q.offer(new String[] {"g", "h", null}, 0, 3))
                .as("a null past what fits is not looked at").isEqualTo(2);
        assertThat(q.size()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void drainStopsAtTheLimitAndReportsTheCount(Variant v) {
        RingQueue<Integer> q = v.create(16);
        for (int i = 0; i < 10; i++) {
            q.offer(i);
        }
        List<Integer> got = new ArrayList<>();
        assertThat(q.drain(got::add, 4)).isEqualTo(4);
        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(q.size()).isEqualTo(6);
        assertThat(q.drain(got::add, 0)).isZero();
        assertThat(q.drain(got::add, Integer.MAX_VALUE)).isEqualTo(6);
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(q.drain(got::add, Integer.MAX_VALUE)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void drainArgumentsAreChecked(Variant v) {
        RingQueue<Integer> q = v.create(4);
        assertThatThrownBy(() -> q.drain(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.drain(e -> { }, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void indicesWrapAroundTheRingManyTimes(Variant v) {
        RingQueue<Integer> q = v.create(4);
        List<Integer> got = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 200; round++) {
            int count = 1 + round % 4;
            Integer[] batch = new Integer[count];
            for (int i = 0; i < count; i++) {
                batch[i] = next + i;
            }
            if (round % 2 == 0) {
                assertThat(q.offer(batch, 0, count)).isEqualTo(count);
            } else {
                for (Integer e : batch) {
                    assertThat(q.offer(e)).isTrue();
                }
            }
            next += count;
            if (round % 3 == 0) {
                for (Integer e; (e = q.poll()) != null; ) {
                    got.add(e);
                }
            } else {
                q.drain(got::add, count);
            }
            assertThat(q.isEmpty()).isTrue();
        }
        assertThat(got).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void takenElementsAreNotReferencedByTheQueue(Variant v) {
        RingQueue<Object> q = v.create(8);
        for (int i = 0; i < 5; i++) {
            q.offer(new Object[] {new Object(), new Object(), new Object()}, 0, 3);
            q.poll();
            q.drain(e -> { }, 2);
        }
        assertThat(((RingBase<Object>) q).buffer).containsOnlyNulls();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aThrowingDrainConsumerLeavesTheQueueUsable(Variant v) {
        RingQueue<Integer> q = v.create(8);
        for (int i = 0; i < 8; i++) {
            q.offer(i);
        }
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> q.drain(e -> {
            got.add(e);
            if (e == 2) {
                throw new IllegalStateException("boom");
            }
        }, 6)).hasMessage("boom");
        assertThat(got).as("the element that threw counts as taken").containsExactly(0, 1, 2);
        List<Integer> rest = drainAll(q);
        if (v.multiConsumer) {
            assertThat(rest).as("the rest of the claimed run is dropped").containsExactly(6, 7);
        } else {
            assertThat(rest).containsExactly(3, 4, 5, 6, 7);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(q.offer(100 + i)).as("every slot is free again").isTrue();
        }
        assertThat(drainAll(q)).hasSize(8);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void reEnteringTheSingleConsumerSideFromADrainIsCaughtUnderAssertions(Variant v) {
        assumeTrue(!v.multiConsumer, "only single-consumer sides are guarded");
        assumeTrue(RingQueue.class.desiredAssertionStatus(), "needs -ea");
        RingQueue<Integer> q = v.create(8);
        q.offer(1);
        q.offer(2);
        assertThatThrownBy(() -> q.drain(e -> q.poll(), 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("re-entering");
        assertThat(q.poll()).as("the outer drain still published its progress").isEqualTo(2);
    }

    @Test
    void sideGuardRejectsASecondEntryUntilExit() {
        SideGuard guard = new SideGuard("producer side of a test queue");
        assertThat(guard.enter()).isTrue();
        assertThatThrownBy(guard::enter)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("producer side of a test queue");
        assertThat(guard.exit()).isTrue();
        assertThat(guard.enter()).isTrue();
    }

    @Test
    void mpscPollDoesNotPassASlotThatIsClaimedButNotFilled() {
        MpscRing<String> q = new MpscRing<>(4);
        assertThat(q.casProducerIndex(0, 1)).as("a producer claims slot 0 and stalls").isTrue();
        assertThat(q.offer("b")).isTrue();
        assertThat(q.poll()).isNull();
        assertThat(q.drain(e -> { }, 4)).isZero();
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.isEmpty()).isFalse();
        q.srSlot(q.offset(0), "a");
        assertThat(drainAll(q)).containsExactly("a", "b");
    }

    @Test
    void spmcProducerStopsAtASlotAConsumerHasClaimedButNotTaken() {
        SpmcRing<String> q = new SpmcRing<>(4);
        assertThat(q.offer(new String[] {"a", "b", "c", "d"}, 0, 4)).isEqualTo(4);
        assertThat(q.casConsumerIndex(0, 1)).as("a consumer claims slot 0 and stalls").isTrue();
        assertThat(q.poll()).isEqualTo("b");
        assertThat(q.offer("e")).as("slot 0 is still held").isFalse();
        assertThat(q.offer(new String[] {"e"}, 0, 1)).isZero();
        q.srSlot(q.offset(0), null);
        assertThat(q.offer(new String[] {"e", "f", "g"}, 0, 3)).isEqualTo(2);
        assertThat(drainAll(q)).containsExactly("c", "d", "e", "f");
    }

    private static <E> List<E> drainAll(RingQueue<E> q) {
        List<E> out = new ArrayList<>();
        q.drain(out::add, Integer.MAX_VALUE);
        return out;
    }
}
