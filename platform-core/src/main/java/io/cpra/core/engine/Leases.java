package io.cpra.core.engine;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps a plugin instance open while anything still uses it. A monitor that is removed or
 * replaced by a reload gives up its instances ({@link #retire}), but a check may still be
 * running, a code may be held for the outbox or waiting for its next delivery attempt, and an
 * intervention attempt may be under way; the instance is handed to the {@link Closer} only when
 * the last of those is done. Engine thread only.
 *
 * <p>Interventions and codes are few, so each job takes a lease ({@link #take}) and gives it
 * back ({@link #give}) when it ends. Pulse checks are many, so they take no lease: a row's
 * in-flight flag says whether its check is in use, a check retired while in use waits in
 * {@link #retireAfterCheck} and its job's end ({@link #checkEnded}) closes it; while no check
 * waits, that costs one field read per check.
 *
 * <p>A prepared instance may be shared by several monitors (plugins intern equal
 * configurations and count their users), so it may be retired more than once: it is closed as
 * many times as it was retired.
 */
final class Leases {

    private final Closer closer;
    /** Instances in use by jobs: how many jobs use each. */
    private final Map<Object, int[]> inUse = new IdentityHashMap<>();
    /** Instances retired while in use: how many closes each owes. */
    private final Map<Object, int[]> owed = new IdentityHashMap<>();
    /** Checks retired while their monitor's check ran: how many closes each owes. */
    private final Map<Object, int[]> checksOwed = new IdentityHashMap<>();

    Leases(Closer closer) {
        this.closer = closer;
    }

    /** A job, held code or scheduled retry starts using {@code instance}. */
    void take(AutoCloseable instance) {
        inUse.computeIfAbsent(instance, k -> new int[1])[0]++;
    }

    /** A user of {@code instance} is done; closes it if it was retired and this was the last user. */
    void give(AutoCloseable instance) {
        int[] users = inUse.get(instance);
        if (users == null) {
            return;
        }
        if (--users[0] == 0) {
            inUse.remove(instance);
            closeOwed(owed, instance);
        }
    }

    /** A monitor gave up {@code instance}: close it now, or when its last user is done. */
    void retire(AutoCloseable instance) {
        if (inUse.containsKey(instance)) {
            owed.computeIfAbsent(instance, k -> new int[1])[0]++;
        } else {
            closer.close(instance);
        }
    }

    /** A monitor whose check is queued or running gave up that check: close it when the job ends. */
    void retireAfterCheck(AutoCloseable check) {
        checksOwed.computeIfAbsent(check, k -> new int[1])[0]++;
    }

    /** A pulse job ended (finished, abandoned or dropped before it ran). */
    void checkEnded(Object check) {
        if (!checksOwed.isEmpty()) {
            closeOwed(checksOwed, check);
        }
    }

    /** Instances waiting for their users before they are closed. */
    int waiting() {
        return owed.size() + checksOwed.size();
    }

    private void closeOwed(Map<Object, int[]> debts, Object instance) {
        int[] closes = debts.remove(instance);
        if (closes != null) {
            for (int i = 0; i < closes[0]; i++) {
                closer.close((AutoCloseable) instance);
            }
        }
    }
}
