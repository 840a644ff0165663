package io.cpra.core.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * The child process of the crash test: writes batches to a store forever and prints
 * {@code written <n>} after each write() returned, until it is killed. Public only because the
 * java launcher needs a public main.
 */
public final class CrashWriter {

    static final int EVENTS_PER_BATCH = 10;
    static final int SNAPSHOTS = 25;

    private CrashWriter() {
    }

    /**
     * Runs the loop.
     *
     * @param args the store's JDBC URL
     */
    public static void main(String[] args) {
        Storage storage = Storage.open(new StorageSettings(args[0], "", "", 1, Duration.ofSeconds(10)));
        Instant origin = Instant.parse("2026-03-01T00:00:00Z");
        for (int batch = 0; ; batch++) {
            StorageBatch writing = new StorageBatch();
            for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                writing.addEvent(new EventRecord(0, origin.plusMillis(batch), "crash", "stage_changed", null, 0,
                        "{\"batch\":" + batch + ",\"i\":" + i + "}"));
            }
            writing.putSnapshot(new MonitorSnapshot("m-" + batch % SNAPSHOTS, "FAILING", batch, 0, 0, 0, 0, 0, 0,
                    origin.plusMillis(batch)));
            storage.write(writing);
            System.out.println("written " + batch);
            System.out.flush();
        }
    }
}
