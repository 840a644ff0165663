package io.cpra.plugins.log;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One prepared {@code log} block, shared by every monitor with an equal block. Formats the
 * line on the caller's thread and hands it to the file's single writer. Immutable apart from
 * the registry's reference count; safe for concurrent calls.
 */
final class LogNotifier implements Notifier {

    /**
     * A prepared block.
     *
     * @param path   the absolute file
     * @param format text or JSON lines
     * @param sync   force each line to disk
     */
    record Settings(Path path, LineFormat format, boolean sync) {
    }

    private final Settings settings;
    private final LogFile file;
    private final LogPlugin owner;

    LogNotifier(Settings settings, LogFile file, LogPlugin owner) {
        this.settings = settings;
        this.file = file;
        this.owner = owner;
    }

    @Override
    public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            file.append(settings.format().line(alert), settings.sync());
            return DeliveryOutcome.delivered("appended to " + settings.path());
        } catch (IOException e) {
            // A full disk or a permission fixed by hand heals; the platform's backoff and outbox cover the wait.
            return DeliveryOutcome.retry("cannot append to " + settings.path() + ": " + e);
        }
    }

    @Override
    public String destination() {
        return "file:" + settings.path();
    }

    LogFile file() {
        return file;
    }

    @Override
    public void close() {
        owner.release(settings);
    }

    /** Called once the last monitor using this notifier is gone. */
    void releaseFile() {
        owner.releaseFile(settings.path());
    }

    @Override
    public String toString() {
        return "log " + settings.path() + " (" + settings.format() + ")";
    }
}
