package io.cpra.bench.schedule;

import io.cpra.core.engine.schedule.FixedRate;
import io.cpra.core.engine.schedule.TimingWheel;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * What the benchmarks compare: the timing wheel, and the designs the engine would otherwise
 * use, a binary heap ({@link PriorityQueue}) and a sorted set ({@link TreeSet}, for O(log n)
 * cancel). Each re-arms a due id fixed-rate at its own interval, as the engine does.
 */
abstract class Scheduler {

    final long[] intervals;
    long now;

    Scheduler(long[] intervals, long start) {
        this.intervals = intervals;
        this.now = start;
    }

    static Scheduler create(String kind, long[] intervals, long start) {
        return switch (kind) {
            case "wheel" -> new Wheel(intervals, start);
            case "heap" -> new Heap(intervals, start);
            case "treeSet" -> new Sorted(intervals, start);
            default -> throw new IllegalArgumentException("unknown scheduler " + kind);
        };
    }

    abstract void schedule(int id, long due);

    abstract void cancel(int id);

    /** Advances to {@code now}, re-arming every due id; returns how many came due. */
    abstract int tick(long now);

    /** Orders (due, id) pairs on a wrapping nano time line. */
    static final class Entry {
        final int id;
        long due;

        Entry(int id) {
            this.id = id;
        }
    }

    static final Comparator<Entry> ORDER = (a, b) -> {
        int byDue = Long.signum(a.due - b.due);
        return byDue != 0 ? byDue : Integer.compare(a.id, b.id);
    };

    static final class Wheel extends Scheduler {
        private final TimingWheel wheel;

        Wheel(long[] intervals, long start) {
            super(intervals, start);
            wheel = TimingWheel.create(start);
            wheel.ensureCapacity(intervals.length);
        }

        @Override
        void schedule(int id, long due) {
            wheel.schedule(id, due);
        }

        @Override
        void cancel(int id) {
            wheel.cancel(id);
        }

        @Override
        int tick(long time) {
            now = time;
            return wheel.advance(time, this::rearm, Integer.MAX_VALUE);
        }

        private void rearm(int id, long due) {
            wheel.schedule(id, FixedRate.nextDue(due, intervals[id], now));
        }
    }

    static final class Heap extends Scheduler {
        private final PriorityQueue<Entry> queue;
        private final Entry[] entries;

        Heap(long[] intervals, long start) {
            super(intervals, start);
            queue = new PriorityQueue<>(intervals.length, ORDER);
            entries = new Entry[intervals.length];
            for (int id = 0; id < entries.length; id++) {
                entries[id] = new Entry(id);
            }
        }

        @Override
        void schedule(int id, long due) {
            Entry entry = entries[id];
            entry.due = due;
            queue.add(entry);
        }

        @Override
        void cancel(int id) {
            queue.remove(entries[id]); // O(n): a heap has no cheaper cancel
        }

        @Override
        int tick(long time) {
            now = time;
            int count = 0;
            for (Entry head = queue.peek(); head != null && head.due - time <= 0; head = queue.peek()) {
                queue.poll();
                head.due = FixedRate.nextDue(head.due, intervals[head.id], time);
                queue.add(head);
                count++;
            }
            return count;
        }
    }

    static final class Sorted extends Scheduler {
        private final TreeSet<Entry> set = new TreeSet<>(ORDER);
        private final Entry[] entries;
        private final boolean[] scheduled;

        Sorted(long[] intervals, long start) {
            super(intervals, start);
            scheduled = new boolean[intervals.length];
            entries = new Entry[intervals.length];
            for (int id = 0; id < entries.length; id++) {
                entries[id] = new Entry(id);
            }
        }

        @Override
        void schedule(int id, long due) {
            Entry entry = entries[id];
            if (scheduled[id]) {
                set.remove(entry);
            }
            entry.due = due;
            set.add(entry);
            scheduled[id] = true;
        }

        @Override
        void cancel(int id) {
            if (scheduled[id]) {
                set.remove(entries[id]);
                scheduled[id] = false;
            }
        }

        @Override
        int tick(long time) {
            now = time;
            int count = 0;
            for (Entry first = set.isEmpty() ? null : set.first();
                    first != null && first.due - time <= 0;
                    first = set.isEmpty() ? null : set.first()) {
                set.pollFirst();
                first.due = FixedRate.nextDue(first.due, intervals[first.id], time);
                set.add(first);
                count++;
            }
            return count;
        }
    }
}
