package io.cpra.core.engine.schedule;

import java.util.Objects;

/**
 * A hierarchical timing wheel of int ids (entity store rows): schedule, cancel and reschedule
 * in O(1), and {@link #advance} work proportional to the ids that come due plus amortised
 * cascading, never to the ids loaded.
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
 * <p>Level {@code L} has 64 slots of 64<sup>L</sup> ticks each. An id sits at the lowest level
 * whose slot span separates its due tick from the wheel's cursor (the first tick not fully
 * drained yet), in the slot of its due tick. When the cursor reaches the start of a higher
 * slot, that slot's ids move down (cascade); an id moves at most once per level, and the last
 * move puts it into the level-0 slot of its exact tick, so every interval is exact to the tick.
 * The levels needed for 24 hours exist from the start (five at 1 ms); higher ones are created
 * when a deadline first needs them. One occupancy bit per slot lets {@code advance} jump over
 * empty slots and empty stretches of time without visiting them.
 *
 * <h2>Delivery</h2>
 * <p>{@code advance(now, consumer, limit)} delivers ids whose due time is {@code <= now}, and
 * never one before; ids in earlier ticks come first, ids of one tick in the order they were
 * scheduled. When {@code limit} stops it, the remaining due ids stay in place and lead the next
 * call. The delivered id is unscheduled before the consumer sees it; ids scheduled from the
 * consumer are held until the call ends, so an id rescheduled with a due time in the past is
 * delivered by the next call, not in a loop by this one.
 *
 * <h2>Memory</h2>
 * <p>16 bytes per id of capacity ({@code next}, {@code prev}, due time), in pages of 16,384
 * ids that are allocated as higher ids are first scheduled ({@link #ensureCapacity} allocates
 * ahead); about 1 KiB per level.
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

    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    /** Enough levels for every tick count below 2<sup>63</sup>. */
    static final int MAX_LEVELS = (63 + SLOT_BITS - 1) / SLOT_BITS;
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

    private TimingWheel(long tickNanos, long startNanos) {
        this.tickNanos = tickNanos;
        this.origin = startNanos;
        this.now = startNanos;
        long dayTicks = Math.max(1, DAY_NANOS / tickNanos);
        int bits = 64 - Long.numberOfLeadingZeros(dayTicks);
        ensureLevel((bits + SLOT_BITS - 1) / SLOT_BITS - 1);
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
            throw new IllegalArgumentException("id must be in [0, " + (Integer.MAX_VALUE - 1) + "]: " + id);
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
                long bits = links.occupancy(1) & (-1L << (cursor & (SLOTS - 1)));
                if (bits != 0) {
                    long tick = (cursor & -SLOTS) | Long.numberOfTrailingZeros(bits);
                    if (tick > nowTick) {
                        cursor = nowTick;
                        break;
                    }
                    cursor = tick;
                    int bucket = bucket(0, (int) tick & (SLOTS - 1));
                    delivered += drain(bucket, consumer, limit - delivered);
                    if (tick == nowTick || links.isOccupied(bucket)) {
                        break;
                    }
                    cursor = tick + 1;
                    if ((cursor & (SLOTS - 1)) == 0) {
                        cascade();
                    }
                } else {
                    // level 0 is empty: jump to the next higher slot to open, if it is time
                    long next = nextCascade();
                    if (next > nowTick) {
                        cursor = nowTick;
                        break;
                    }
                    cursor = next;
                    cascade();
                }
            }
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

    /** Puts a scheduled, unlinked id into the slot its due time and the cursor call for. */
    private void place(int id) {
        long delta = links.due(id) - now;
        long relative = (now - origin) + delta;
        if (delta > 0 && relative < 0) {
            relative = Long.MAX_VALUE;
        }
        // a due tick already behind the cursor is due now: it joins the cursor's slot
        long tick = Math.max(Math.floorDiv(relative, tickNanos), cursor);
        long differs = tick ^ cursor;
        int level = differs < SLOTS ? 0 : (63 - Long.numberOfLeadingZeros(differs)) / SLOT_BITS;
        ensureLevel(level);
        links.linkLast(bucket(level, (int) (tick >>> (level * SLOT_BITS)) & (SLOTS - 1)), id);
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

    /**
     * The cursor has just entered a new level-0 block; open the one higher slot that starts
     * here. Lower slots that start here are empty: an id goes to a lower level only when its
     * digit there is ahead of the cursor's, and the cursor's lower digits were all at 63.
     */
    private void cascade() {
        int level = Long.numberOfTrailingZeros(cursor) / SLOT_BITS;
        if (level >= levels) {
            return;
        }
        int bucket = bucket(level, (int) (cursor >>> (level * SLOT_BITS)) & (SLOTS - 1));
        for (int id = links.head(bucket); id != Links.NONE; id = links.head(bucket)) {
            links.unlink(id);
            place(id);
        }
    }

    /**
     * The first tick at which a non-empty higher slot opens, given that level 0 is empty:
     * the lowest level with an occupied slot ahead of the cursor's digit decides.
     */
    private long nextCascade() {
        for (int level = 1; level < levels; level++) {
            int shift = level * SLOT_BITS;
            int digit = (int) (cursor >>> shift) & (SLOTS - 1);
            long ahead = links.occupancy(level + 1) & ((-1L << digit) << 1);
            if (ahead != 0) {
                int above = shift + SLOT_BITS;
                long prefix = above >= Long.SIZE ? 0 : cursor & (-1L << above);
                return prefix | ((long) Long.numberOfTrailingZeros(ahead) << shift);
            }
        }
        return Long.MAX_VALUE;
    }

    private void ensureLevel(int level) {
        if (level >= levels) {
            levels = level + 1;
            links.ensureBuckets((levels + 1) * SLOTS);
        }
    }

    /** Buckets 0 and 1 are staging and pending; level {@code L} owns 64 from {@code 64(L+1)}. */
    private static int bucket(int level, int slot) {
        return ((level + 1) << SLOT_BITS) | slot;
    }
}
