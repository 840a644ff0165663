package io.cpra.core.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The engine's world: one row per monitor, each per-monitor value in its own column
 * (struct of arrays), so a tick that touches one value of many monitors reads one dense array.
 *
 * <h2>Rows and handles</h2>
 * <p>A row is an {@code int} index, reused after its monitor is removed. Code that holds on to
 * a monitor across ticks (a job in flight, an API command) keeps a <em>handle</em> instead: a
 * {@code long} of {@code generation << 32 | row}. Every row carries a generation that is
 * odd while the row is live and even while it is free, and is bumped on add and on remove, so
 * a handle goes stale the moment its monitor is removed and stays stale after the row is
 * reused. {@link #row(long)} throws {@link StaleHandleException} for a stale handle;
 * {@link #rowIfLive(long)} returns {@code -1}. {@link #NO_HANDLE} ({@code 0}) is never live,
 * so a zeroed {@code long[]} holds only stale handles. Generations wrap after 2<sup>32</sup>
 * reuses of one row; a handle kept that long could alias, which the engine never does.
 *
 * <h2>Columns</h2>
 * <p>Columns hold {@code 0} (or {@code null}) for a fresh row and are reset when a row is
 * removed. The engine maps the lifecycle's state onto them; the store gives them no meaning.
 * The monitor's next due time is not a column: the timing wheel owns it (its {@code dueOf}).
 * Adding a column is one field ({@code private final IntColumn foo = ints();}) and one
 * accessor; growth and reset follow from registration.
 *
 * <h2>Growth</h2>
 * <p>Columns are pages of {@link #PAGE_ROWS} rows. Reaching a new page allocates one page per
 * column and copies nothing but the small page directories, so the millionth add costs what
 * the first did plus one page.
 *
 * <h2>Thread-safety</h2>
 * <p>None, by design: the engine thread is the single writer and the only reader (the API reads
 * through the engine's command queue). Every method here and on the columns is <b>engine thread
 * only</b>; with assertions enabled the first thread to use a store becomes its owner and any
 * other thread fails with an {@link AssertionError}, as does touching a row that is not live.
 *
 * @param <C> the monitor's prepared pulse check
 * @param <S> the monitor's shared, immutable spec (thresholds, interval, intervention, codes)
 */
public final class EntityStore<C, S> {

    /** Rows per page of every column. */
    public static final int PAGE_ROWS = 1 << 14;
    static final int PAGE_SHIFT = 14;

    /** A handle that never names a live row. */
    public static final long NO_HANDLE = 0L;

    /** {@link #flags()} bit: a pulse job was accepted and has not reported yet. */
    public static final int PULSE_IN_FLIGHT = 1;
    /** {@link #flags()} bit: an intervention job was accepted and has not reported yet. */
    public static final int INTERVENTION_IN_FLIGHT = 1 << 1;
    /** {@link #flags()} bit: paused by an operator; no pulses are scheduled. */
    public static final int PAUSED = 1 << 2;
    /** {@link #flags()} bit: in maintenance; pulses and alerts are suppressed. */
    public static final int MAINTENANCE = 1 << 3;
    /** {@link #flags()} bit: disabled in the manifest ({@code enabled: false}); never scheduled. */
    public static final int DISABLED = 1 << 4;
    /** {@link #flags()} bit: a pulse job came due and waits for room in its pool's queue. */
    public static final int PULSE_WAITING = 1 << 5;
    /** {@link #flags()} bit: the monitor was defined through the API rather than the manifest. */
    public static final int API_DEFINED = 1 << 6;
    /** {@link #flags()} bit: the engine keeps the monitor's recent outcomes (it was lately in trouble). */
    public static final int HISTORY = 1 << 7;

    private final OwnerThread owner = new OwnerThread("EntityStore");
    // Declared before the columns: their initialisers register here.
    private final List<Column> columns = new ArrayList<>();
    private final Rows rows;

    private final ByteColumn stage = bytes();
    private final IntColumn consecutiveFailures = ints();
    private final IntColumn successStreak = ints();
    private final ShortColumn interventionAttempts = shorts();
    private final IntColumn verifyRemaining = ints();
    private final IntColumn incidentSeq = ints();
    private final LongColumn fingerprint = longs();
    private final ShortColumn lifecycleFlags = shorts();  // nine bits: see LifecycleState
    private final IntColumn[] raisedAt = {ints(), ints(), ints(), ints()};
    private final ByteColumn lastStatus = bytes();
    private final IntColumn lastLatencyMicros = ints();
    private final IntColumn lastStart = ints();
    private final IntColumn destination = ints();
    private final ByteColumn flags = bytes();
    // the current minute's check history (engine.MinuteCounts gives them meaning): 22 bytes a row
    private final ShortColumn minuteChecks = shorts();
    private final ShortColumn minuteFailures = shorts();
    private final IntColumn minuteLatencySum = ints();
    private final IntColumn minuteLatencyMax = ints();
    private final LongColumn minuteHistogram = longs();
    private final ByteColumn minuteStageChanges = bytes();
    private final ByteColumn minuteTag = bytes();
    private final RefColumn<String> name = refs();
    private final RefColumn<C> check = refs();
    private final RefColumn<S> spec = refs();

    private EntityStore(int maxRows) {
        this.rows = new Rows(maxRows, columns.toArray(Column[]::new));
    }

    /**
     * Creates an empty store that may grow to {@link Integer#MAX_VALUE} rows.
     *
     * @param <C> the prepared pulse check type
     * @param <S> the spec type
     * @return a new store; no page is allocated until the first add
     */
    public static <C, S> EntityStore<C, S> create() {
        return new EntityStore<>(Integer.MAX_VALUE);
    }

    /**
     * Creates an empty store holding at most {@code maxRows} live rows.
     *
     * @param maxRows the most live rows, from 1
     * @param <C>     the prepared pulse check type
     * @param <S>     the spec type
     * @return a new store; no page is allocated until the first add
     */
    public static <C, S> EntityStore<C, S> create(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
        }
        return new EntityStore<>(maxRows);
    }

    // ---- handles ----------------------------------------------------------------------

    /**
     * The row part of a handle, without checking that it is live.
     *
     * @param handle a handle
     * @return its row
     */
    public static int rowOf(long handle) {
        return (int) handle;
    }

    /**
     * The generation part of a handle.
     *
     * @param handle a handle
     * @return its generation; odd for a handle that was live when made
     */
    public static int generationOf(long handle) {
        return (int) (handle >>> 32);
    }

    /**
     * Whether a handle names a live row.
     *
     * @param handle any handle, including {@link #NO_HANDLE}
     * @return true while the monitor it was made for has not been removed
     */
    public boolean isLive(long handle) {
        return rowIfLive(handle) >= 0;
    }

    /**
     * The row of a live handle, or {@code -1}: the test for results of removed monitors.
     *
     * @param handle any handle
     * @return its row, or -1 when the handle is stale
     */
    public int rowIfLive(long handle) {
        assert owner.check();
        int row = rowOf(handle);
        int generation = generationOf(handle);
        if ((generation & 1) == 0 || row < 0 || row >= rows.bound()
                || rows.generation(row) != generation) {
            return -1;
        }
        return row;
    }

    /**
     * The row of a live handle.
     *
     * @param handle a handle
     * @return its row
     * @throws StaleHandleException when the handle's monitor was removed (or it never was live)
     */
    public int row(long handle) {
        int row = rowIfLive(handle);
        if (row < 0) {
            throw stale(handle);
        }
        return row;
    }

    /**
     * The handle of a live row, for a job or event that outlives the tick.
     *
     * @param row a live row
     * @return its current handle
     */
    public long handleOf(int row) {
        assert accessible(row);
        return handle(rows.generation(row), row);
    }

    /**
     * Whether a row is live.
     *
     * @param row any row index
     * @return true when the row holds a monitor
     */
    public boolean isLiveRow(int row) {
        assert owner.check();
        return rows.isLive(row);
    }

    // ---- add, remove, update ----------------------------------------------------------

    /**
     * Adds a monitor. Reuses a free row when there is one, else takes the next fresh row.
     *
     * @param name  the monitor's name; not null
     * @param check its prepared pulse check, or null
     * @param spec  its spec, or null
     * @return the handle of the new row; every other column starts at zero
     * @throws IllegalStateException when the store already holds {@code maxRows} rows
     */
    public long add(String name, C check, S spec) {
        assert owner.check();
        Objects.requireNonNull(name, "name");
        rows.ensureRoom(1);
        int row = rows.allocate();
        this.name.set(row, name);
        this.check.set(row, check);
        this.spec.set(row, spec);
        return handle(rows.generation(row), row);
    }

    /**
     * Adds {@code count} rows and lets {@code writer} fill each one. Room for the whole batch
     * is checked before any row is added. Should the writer throw, the rows added before it
     * stay added and their handles are in {@code handles}.
     *
     * @param count   how many rows to add
     * @param writer  fills row {@code index} of the batch (name, check, spec, state)
     * @param handles receives the new handles at {@code offset .. offset + count - 1}
     * @param offset  where the first handle goes
     * @return {@code count}
     * @throws IllegalStateException when {@code count} more rows would exceed {@code maxRows}
     */
    public int addAll(int count, RowWriter writer, long[] handles, int offset) {
        assert owner.check();
        Objects.requireNonNull(writer, "writer");
        Objects.checkFromIndexSize(offset, count, handles.length);
        rows.ensureRoom(count);
        for (int i = 0; i < count; i++) {
            int row = rows.allocate();
            handles[offset + i] = handle(rows.generation(row), row);
            writer.write(i, row);
        }
        return count;
    }

    /**
     * Removes a monitor; its handle and every copy of it go stale.
     *
     * @param handle the monitor's handle
     * @return true when it was live, false when it was already stale
     */
    public boolean remove(long handle) {
        int row = rowIfLive(handle);
        if (row < 0) {
            return false;
        }
        rows.release(row);
        return true;
    }

    /**
     * Removes a batch of monitors. Stale handles, duplicates included, are skipped.
     *
     * @param handles      the handles at {@code offset .. offset + count - 1}
     * @param offset       the first one
     * @param count        how many
     * @param beforeRemove called with each live row while it is still readable, to cancel
     *                     its timer and close its check; use {@code row -> {}} for nothing
     * @return how many rows were removed
     */
    public int removeAll(long[] handles, int offset, int count, IntConsumer beforeRemove) {
        assert owner.check();
        Objects.requireNonNull(beforeRemove, "beforeRemove");
        Objects.checkFromIndexSize(offset, count, handles.length);
        int removed = 0;
        for (int i = 0; i < count; i++) {
            int row = rowIfLive(handles[offset + i]);
            if (row >= 0) {
                beforeRemove.accept(row);
                rows.release(row);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Applies {@code writer} to each live handle of a batch; stale handles are skipped.
     *
     * @param handles the handles at {@code offset .. offset + count - 1}
     * @param offset  the first one
     * @param count   how many
     * @param writer  called with the batch index and row of each live handle
     * @return how many rows were written
     */
    public int updateAll(long[] handles, int offset, int count, RowWriter writer) {
        assert owner.check();
        Objects.requireNonNull(writer, "writer");
        Objects.checkFromIndexSize(offset, count, handles.length);
        int written = 0;
        for (int i = 0; i < count; i++) {
            int row = rowIfLive(handles[offset + i]);
            if (row >= 0) {
                writer.write(i, row);
                written++;
            }
        }
        return written;
    }

    // ---- iteration and size -----------------------------------------------------------

    /**
     * Calls {@code action} with every live row in ascending order, allocating nothing per row.
     * The action may remove rows (the current one included); rows it adds may be missed.
     *
     * @param action receives each live row
     * @return how many rows were visited
     */
    public int forEachLive(IntConsumer action) {
        assert owner.check();
        Objects.requireNonNull(action, "action");
        return rows.visit(0, rows.bound(), action);
    }

    /**
     * Calls {@code action} with the live rows among the next {@code rowLimit} row indexes from
     * {@code fromRow}: the resumable form for a snapshot spread over several ticks.
     *
     * @param fromRow  the first row index to look at, from 0
     * @param rowLimit how many row indexes (live or free) to look at, from 1
     * @param action   receives each live row
     * @return the row index to resume from, or {@code -1} when every row has been looked at
     */
    public int forEachLive(int fromRow, int rowLimit, IntConsumer action) {
        assert owner.check();
        Objects.requireNonNull(action, "action");
        if (fromRow < 0 || rowLimit < 1) {
            throw new IllegalArgumentException("fromRow " + fromRow + " and rowLimit " + rowLimit
                    + " must be at least 0 and 1");
        }
        int end = (int) Math.min(rows.bound(), (long) fromRow + rowLimit);
        rows.visit(fromRow, end, action);
        return end >= rows.bound() ? -1 : end;
    }

    /**
     * The number of live rows.
     *
     * @return live rows
     */
    public int size() {
        assert owner.check();
        return rows.size();
    }

    /**
     * One past the highest row ever handed out; arrays indexed by row (the timing wheel's) need
     * this many entries.
     *
     * @return the exclusive bound of all rows, live or free
     */
    public int rowBound() {
        assert owner.check();
        return rows.bound();
    }

    /**
     * Rows allocated in pages, live or not.
     *
     * @return allocated pages times {@link #PAGE_ROWS}
     */
    public long capacity() {
        assert owner.check();
        return (long) rows.pages() * PAGE_ROWS;
    }

    // ---- columns: each accessor returns the column ------------------------------------

    /** {@return the lifecycle stage (HEALTHY, FAILING, ...) as the engine encodes it} */
    public ByteColumn stage() {
        return stage;
    }

    /** {@return consecutive failed pulses} */
    public IntColumn consecutiveFailures() {
        return consecutiveFailures;
    }

    /** {@return consecutive passing pulses} */
    public IntColumn successStreak() {
        return successStreak;
    }

    /** {@return interventions attempted in the current incident} */
    public ShortColumn interventionAttempts() {
        return interventionAttempts;
    }

    /** {@return verification pulses still needed after a successful intervention} */
    public IntColumn verifyRemaining() {
        return verifyRemaining;
    }

    /** {@return a hash of the definition the monitor was compiled from, to tell a changed one on reload} */
    public LongColumn fingerprint() {
        return fingerprint;
    }

    /** {@return how many incidents the monitor has opened: the lifecycle's incident number} */
    public IntColumn incidentSeq() {
        return incidentSeq;
    }

    /** {@return the lifecycle's own flags (incident open, red raised, attempt in flight, cooldown times set, failing before maintenance, owes green)} */
    public ShortColumn lifecycleFlags() {
        return lifecycleFlags;
    }

    /**
     * When a colour of code was last raised, for its cooldown.
     *
     * @param colour the colour's ordinal among yellow, red, cyan and gray (green has no cooldown)
     * @return the column
     */
    public IntColumn raisedAt(int colour) {
        return raisedAt[colour];
    }

    /** {@return the last pulse outcome's status as the engine encodes it (0: none yet)} */
    public ByteColumn lastStatus() {
        return lastStatus;
    }

    /** {@return the last pulse's latency in microseconds} */
    public IntColumn lastLatencyMicros() {
        return lastLatencyMicros;
    }

    /**
     * When the monitor's last check started, as the engine encodes it (see the engine's
     * {@code CheckTimes}); 0 for a fresh row.
     *
     * @return the column
     */
    public IntColumn lastStart() {
        return lastStart;
    }

    /**
     * Where the monitor's check goes ({@code host:port}), as the engine encodes it: a
     * destination's number, 0 for none.
     *
     * @return the column
     */
    public IntColumn destination() {
        return destination;
    }

    /**
     * {@return a bitset of {@link #PULSE_IN_FLIGHT}, {@link #INTERVENTION_IN_FLIGHT},
     * {@link #PAUSED} and {@link #MAINTENANCE}} Test and change it with {@link ByteColumn#has},
     * {@link ByteColumn#raise} and {@link ByteColumn#lower}.
     */
    public ByteColumn flags() {
        return flags;
    }

    /** @return checks counted in the row's current history minute (saturating) */
    public ShortColumn minuteChecks() {
        return minuteChecks;
    }

    /** @return failed checks counted in the row's current history minute (saturating) */
    public ShortColumn minuteFailures() {
        return minuteFailures;
    }

    /** @return the sum of the minute's check latencies in microseconds (saturating) */
    public IntColumn minuteLatencySum() {
        return minuteLatencySum;
    }

    /** @return the minute's longest check latency in microseconds */
    public IntColumn minuteLatencyMax() {
        return minuteLatencyMax;
    }

    /** @return the minute's latency histogram: eight one-byte counts packed in a long */
    public LongColumn minuteHistogram() {
        return minuteHistogram;
    }

    /** @return stage changes in the minute (saturating) */
    public ByteColumn minuteStageChanges() {
        return minuteStageChanges;
    }

    /** @return the low byte of the minute the history columns count */
    public ByteColumn minuteTag() {
        return minuteTag;
    }


    /** {@return the monitor's name} */
    public RefColumn<String> name() {
        return name;
    }

    /** {@return the monitor's prepared pulse check} */
    public RefColumn<C> check() {
        return check;
    }

    /** {@return the monitor's spec, usually shared by many monitors} */
    public RefColumn<S> spec() {
        return spec;
    }

    // ---- internals --------------------------------------------------------------------

    /** Assertion helper for the columns: owner thread, and a live row. */
    boolean accessible(int row) {
        owner.check();
        if (!isLiveRow(row)) {
            String generation = row >= 0 && row < rows.bound() ? ", generation " + rows.generation(row) : "";
            throw new AssertionError("row " + row + " is not live (rows below " + rows.bound()
                    + generation + ")");
        }
        return true;
    }

    static String describe(long handle) {
        return "0x" + Long.toHexString(handle) + " (row " + rowOf(handle) + ", generation "
                + Integer.toUnsignedString(generationOf(handle)) + ")";
    }

    private StaleHandleException stale(long handle) {
        int row = rowOf(handle);
        if (row < 0 || row >= rows.bound()) {
            return new StaleHandleException(handle, "no such row (rows below " + rows.bound() + ")");
        }
        String now = "(generation " + Integer.toUnsignedString(rows.generation(row)) + ")";
        return new StaleHandleException(handle, (rows.generation(row) & 1) == 0
                ? "the row is free " + now
                : "the row now holds another monitor " + now);
    }

    private static long handle(int generation, int row) {
        return ((long) generation << 32) | (row & 0xFFFF_FFFFL);
    }

    private ByteColumn bytes() {
        return register(new ByteColumn(this));
    }

    private ShortColumn shorts() {
        return register(new ShortColumn(this));
    }

    private IntColumn ints() {
        return register(new IntColumn(this));
    }

    private LongColumn longs() {
        return register(new LongColumn(this));
    }

    private <T> RefColumn<T> refs() {
        return register(new RefColumn<>(this));
    }

    private <K extends Column> K register(K column) {
        columns.add(column);
        return column;
    }
}
