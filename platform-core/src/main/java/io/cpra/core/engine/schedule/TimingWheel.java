package io.cpra.core.engine.schedule;

import java.util.Objects;

/**
 * A hierarchical timing wheel of int ids (entity store rows): schedule, cancel and reschedule
 * in O(1), and {@link #advance} work proportional to the ids that come due, never to the ids
 * loaded, with no burst when a far slot opens.
 *
 * <h2>Time</h2>
 * <p>The wheel owns no thread and reads no clock: the engine passes {@code now} to
 * {@link #advance}. Times are {@link System#nanoTime()}-style longs that may be negative and
 * may wrap, so every comparison is a difference ({@code a - b <= 0}); the wheel counts ticks
 * of {@link #tickNanos()} from the start time it was created with. Due times may lie up to
 * 2<sup>63</sup>-1 ns after the wheel's current time; further ones are parked at the top of
 * the wheel (they will not come due within 292 years anyway).
 *
 * <h2>Levels</h2>
 * <p>Every level is a ring of 64 slots; a slot of level {@code L} spans 32<sup>L</sup> ticks,
 * so each level's ring covers two slots of the level above. The ring of level {@code L} holds
 * the 64 slots from the one the cursor (the first tick not fully delivered) is in, and an id
 * sits at the lowest level whose ring reaches its due tick. Level 0 slots are single ticks, so
 * an id is delivered from the slot of its exact tick and every interval is exact to the tick.
 * The levels needed for 24 hours exist from the start (six at 1 ms); higher ones are created
 * when a deadline first needs them. One occupancy bit per slot lets {@code advance} jump over
 * empty slots and empty stretches of time without visiting them.
 *
 * <h2>Moving down without bursts</h2>
 * <p>A plain hierarchical wheel moves a whole higher slot down the moment the cursor reaches
 * it: at 1,000,000 monitors that is hundreds of thousands of ids in one tick. Here the slot of
 * level {@code L} after the cursor's (the <em>next</em> slot) fits in level {@code L-1}'s ring
 * already, so each {@code advance} moves a share of it down, {@code ceil(left / ticks until it
 * starts)}, and the work of moving is spread over the slot before it, in step with the ids
 * that come due. No id is ever added to a next slot (new ids that far out go lower), so the
 * share is known. Only when time jumps (the engine stalled) does the rest move at once.
 *
 * <h2>Delivery</h2>
 * <p>{@code advance(now, consumer, limit)} delivers ids whose due time is {@code <= now}, and
 * never one before; ids in earlier ticks come first, ids of one tick in the order they reached
 * its slot. When {@code limit} stops it, the remaining due ids stay in place and lead the next
 * call. The delivered id is unscheduled before the consumer sees it; ids scheduled from the
 * consumer are held until the call ends, so an id rescheduled with a due time in the past is
 * delivered by the next call, not in a loop by this one.
 *
 * <h2>Memory</h2>
 * <p>16 bytes per id of capacity (due time and links side by side), in pages of 16,384 ids
 * that are allocated as higher ids are first scheduled ({@link #ensureCapacity} allocates
 * ahead); under 2 KiB per level.
 *
 * <h2>Thread-safety</h2>
 * <p>None: <b>engine thread only</b>. With assertions enabled, the first thread to use a wheel
 * becomes its owner and any other thread fails with an {@link AssertionError}.
 */
public final class TimingWheel {

    /** The default tick: 1 ms. */
    public static final long DEFAULT_TICK_NANOS = 1_000_000L;
    /** The coarsest tick accepted: 1 s. */
    public static final long MAX_TICK_NANOS = 1_000_000_000L;

    static final int SLOTS = 64;
    /** A level-L slot spans 2^(SPAN_BITS * L) ticks: half the ring of the level below. */
    static final int SPAN_BITS = 5;
    /** Enough levels for every tick count below 2<sup>63</sup>: 64 * 32^12 > 2^63. */
    static final int MAX_LEVELS = 13;
    /** Ids scheduled while {@code advance} runs, placed when it ends. */
    private static final int STAGING = 0;
    /** Ids of the tick in progress that are not due yet, while their slot is drained. */
    private static final int PENDING = 1;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final OwnerThread owner = new OwnerThread("TimingWheel");
    private final Links links = new Links((MAX_LEVELS + 1) * SLOTS);
    private final long tickNanos;
    private final long origin;
    private long now;
    /** Ticks since {@code origin}; every tick before it has been delivered. Never past now. */
    private long cursor;
    private int levels;
    private int size;
    private boolean advancing;
    private long moved;

    private TimingWheel(long tickNanos, long startNanos) {
        this.tickNanos = tickNanos;
        this.origin = startNanos;
        this.now = startNanos;
        ensureLevel(levelFor(Math.max(1, DAY_NANOS / tickNanos)));
    }

    /**
     * Creates a wheel with a 1 ms tick.
     *
     * @param startNanos the current time; the wheel's time starts here
     * @return an empty wheel
     */
    public static TimingWheel create(long startNanos) {
        return new TimingWheel(DEFAULT_TICK_NANOS, startNanos);
    }

    /**
     * Creates a wheel with the given tick.
     *
     * @param tickNanos  the resolution, from 1 ns to {@link #MAX_TICK_NANOS}
     * @param startNanos the current time; the wheel's time starts here
     * @return an empty wheel
     */
    public static TimingWheel create(long tickNanos, long startNanos) {
        if (tickNanos < 1 || tickNanos > MAX_TICK_NANOS) {
            throw new IllegalArgumentException("tickNanos must be in [1, " + MAX_TICK_NANOS + "]: "
                    + tickNanos);
        }
        return new TimingWheel(tickNanos, startNanos);
    }

    /**
     * Schedules an id, or reschedules it when it is already scheduled.
     *
     * @param id       the id, from 0 to {@code Integer.MAX_VALUE - 1}
     * @param dueNanos when it is due; a time already past makes it due at the next advance
     */
    public void schedule(int id, long dueNanos) {
        assert owner.check();
        if (id < 0 || id == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("id must be in [0, " + (Integer.MAX_VALUE - 1) + "]: "
                    + id);
        }
        links.ensureIds(id + 1L);
        if (links.isLinked(id)) {
            links.unlink(id);
        } else {
            size++;
        }
        links.due(id, dueNanos);
        if (advancing) {
            links.linkLast(STAGING, id);
        } else {
            place(id);
        }
    }

    /**
     * Unschedules an id.
     *
     * @param id any id
     * @return true when it was scheduled
     */
    public boolean cancel(int id) {
        assert owner.check();
        if (!links.isLinked(id)) {
            return false;
        }
        links.unlink(id);
        size--;
        return true;
    }

    /**
     * Whether an id is scheduled.
     *
     * @param id any id
     * @return true from {@link #schedule} until it is delivered or cancelled
     */
    public boolean isScheduled(int id) {
        assert owner.check();
        return links.isLinked(id);
    }

    /**
     * The due time of a scheduled id.
     *
     * @param id a scheduled id
     * @return its due time, exactly as scheduled
     * @throws IllegalStateException when the id is not scheduled
     */
    public long dueOf(int id) {
        assert owner.check();
        if (!links.isLinked(id)) {
            throw new IllegalStateException("id " + id + " is not scheduled");
        }
        return links.due(id);
    }

    /**
     * Delivers up to {@code limit} ids whose due time is {@code <= nowNanos} (see the class
     * description for order, limits and what the consumer may do).
     *
     * @param nowNanos the current time; a time before the wheel's current time counts as that
     * @param consumer receives each due id with its due time
     * @param limit    the most ids to deliver, from 0
     * @return how many ids were delivered; {@code limit} when more may be due
     * @throws IllegalStateException when called from its own consumer
     */
    public int advance(long nowNanos, DueConsumer consumer, int limit) {
        assert owner.check();
        Objects.requireNonNull(consumer, "consumer");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (advancing) {
            throw new IllegalStateException("advance called from its own consumer");
        }
        if (nowNanos - now > 0) {
            now = nowNanos;
        }
        long nowTick = (now - origin) / tickNanos;
        advancing = true;
        int delivered = 0;
        try {
            while (delivered < limit) {
                long first = firstTickAtLevelZero();
                long opens = nextSlotStart();
                if (Math.min(first, opens) > nowTick) {
                    moveCursor(nowTick);
                    break;
                }
                if (opens <= first) {
                    moveCursor(opens);
                    continue;
                }
                moveCursor(first);
                int bucket = bucket(0, (int) first & (SLOTS - 1));
                delivered += drain(bucket, consumer, limit - delivered);
                if (first == nowTick || links.isOccupied(bucket)) {
                    break;
                }
            }
            pace(nowTick);
        } finally {
            advancing = false;
            for (int id = links.head(STAGING); id != Links.NONE; id = links.head(STAGING)) {
                links.unlink(id);
                place(id);
            }
        }
        return delivered;
    }

    /**
     * Allocates room for ids below {@code ids} ahead of their first schedule, for instance when
     * the entity store grows.
     *
     * @param ids the exclusive bound of ids
     */
    public void ensureCapacity(int ids) {
        assert owner.check();
        links.ensureIds(ids);
    }

    /**
     * The due time of the first id left in the slot the cursor is in: when {@link #advance}
     * stopped at its limit, that is the oldest id still due (ids of one slot are kept in the
     * order they reached it, which is due order for all but ids rescheduled into the past).
     *
     * @param fallback returned when that slot is empty
     * @return the earlier of that due time and {@code fallback}
     */
    public long earliestDue(long fallback) {
        assert owner.check();
        int head = links.head(bucket(0, (int) cursor & (SLOTS - 1)));
        if (head == Links.NONE) {
            return fallback;
        }
        long due = links.due(head);
        return due - fallback < 0 ? due : fallback;
    }

    /** {@return how many ids are scheduled} */
    public int size() {
        assert owner.check();
        return size;
    }

    /** {@return the wheel's current time: the latest {@code now} it was advanced to} */
    public long nowNanos() {
        assert owner.check();
        return now;
    }

    /** {@return the tick, in nanoseconds} */
    public long tickNanos() {
        return tickNanos;
    }

    /** The number of levels created so far, for tests. */
    int levels() {
        return levels;
    }

    /** How many times an id was moved down a level so far, for tests. */
    long moved() {
        return moved;
    }

    /** Puts a scheduled, unlinked id into the slot its due time and the cursor call for. */
    private void place(int id) {
        long delta = links.due(id) - now;
        long relative = (now - origin) + delta;
        if (delta > 0 && relative < 0) {
            relative = Long.MAX_VALUE;
        }
        // a due tick already behind the cursor is due now: it joins the cursor's slot
        long tick = Math.max(Math.floorDiv(relative, tickNanos), cursor);
        int level = levelFor(tick);
        ensureLevel(level);
        links.linkLast(bucket(level, slotOf(level, tick)), id);
    }

    /**
     * The lowest level whose ring reaches {@code tick} (at or after the cursor). A tick in the
     * cursor's own slot of a level {@code L >= 1} is at most 31 slots of level {@code L-1}
     * ahead, so it always goes lower: the cursor's slot of every level above 0 stays empty.
     */
    private int levelFor(long tick) {
        int level = 0;
        int shift = 0;
        while ((tick >>> shift) - (cursor >>> shift) >= SLOTS) {
            level++;
            shift += SPAN_BITS;
        }
        return level;
    }

    /**
     * Moves the cursor forward to {@code tick}, which no occupied slot lies before, and moves
     * down whatever still sits in the slots it enters (all of it when pacing fell behind).
     */
    private void moveCursor(long tick) {
        cursor = tick;
        for (int level = levels - 1; level >= 1; level--) {
            int bucket = bucket(level, slotOf(level, tick));
            for (int id = links.head(bucket); id != Links.NONE; id = links.head(bucket)) {
                links.unlink(id);
                place(id);
                moved++;
            }
        }
    }

    /** Moves a share of every level's next slot down, so it is empty when the cursor gets there. */
    private void pace(long nowTick) {
        for (int level = levels - 1; level >= 1; level--) {
            int shift = level * SPAN_BITS;
            long next = (cursor >>> shift) + 1;
            int bucket = bucket(level, (int) next & (SLOTS - 1));
            long ticksLeft = (next << shift) - nowTick;
            int left = links.count(bucket);
            if (left == 0 || ticksLeft <= 0) {
                continue; // nothing to do, or advance opens it as an event
            }
            long share = (left + ticksLeft - 1) / ticksLeft;
            for (int id = links.head(bucket); id != Links.NONE && share > 0; id = links.head(bucket)) {
                links.unlink(id);
                place(id);
                moved++;
                share--;
            }
        }
    }

    /** The first tick at or after the cursor with ids at level 0, or {@code Long.MAX_VALUE}. */
    private long firstTickAtLevelZero() {
        long bits = Long.rotateRight(links.occupancy(1), (int) cursor & (SLOTS - 1));
        return bits == 0 ? Long.MAX_VALUE : cursor + Long.numberOfTrailingZeros(bits);
    }

    /**
     * The first tick at which the cursor enters an occupied slot of a level above 0, or
     * {@code Long.MAX_VALUE}. The cursor's own slot is empty, so the search starts after it.
     */
    private long nextSlotStart() {
        long first = Long.MAX_VALUE;
        for (int level = 1; level < levels; level++) {
            int shift = level * SPAN_BITS;
            long after = (cursor >>> shift) + 1;
            long bits = Long.rotateRight(links.occupancy(level + 1), (int) after & (SLOTS - 1));
            assert bits >= 0 : "the cursor's own slot at level " + level + " is occupied";
            if (bits != 0) {
                first = Math.min(first, (after + Long.numberOfTrailingZeros(bits)) << shift);
            }
        }
        return first;
    }

    /**
     * Delivers the due ids of one level-0 slot, oldest first. Ids that are not due yet (only in
     * the tick in progress) are set aside and put back at the front afterwards.
     */
    private int drain(int bucket, DueConsumer consumer, int budget) {
        int delivered = 0;
        try {
            while (delivered < budget) {
                int id = links.head(bucket);
                if (id == Links.NONE) {
                    break;
                }
                long due = links.due(id);
                links.unlink(id);
                if (due - now <= 0) {
                    size--;
                    delivered++;
                    consumer.due(id, due);
                } else {
                    links.linkLast(PENDING, id);
                }
            }
        } finally {
            links.spliceFront(PENDING, bucket);
        }
        return delivered;
    }

    private void ensureLevel(int level) {
        if (level >= levels) {
            levels = level + 1;
            links.ensureBuckets((levels + 1) * SLOTS);
        }
    }

    /** Buckets 0 and 1 are staging and pending; level {@code L} owns 64 from {@code 64(L+1)}. */
    private static int bucket(int level, int slot) {
        return (level + 1) * SLOTS + slot;
    }

    private static int slotOf(int level, long tick) {
        return (int) (tick >>> (level * SPAN_BITS)) & (SLOTS - 1);
    }
}
