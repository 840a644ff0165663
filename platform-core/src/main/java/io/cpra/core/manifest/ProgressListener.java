package io.cpra.core.manifest;

import java.time.Duration;

/**
 * Told how far a manifest load has got, so a console can show progress and rate. Called on the
 * thread that called {@link ManifestReader}'s read method, every
 * {@link ManifestReader.Builder#progressEvery(int) n} monitors and once at the end; it should
 * return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = (monitors, elapsed) -> { };

    /**
     * Reports progress.
     *
     * @param monitors monitors parsed and checked so far, valid or not
     * @param elapsed  time since the load started, by the reader's clock
     */
    void progress(long monitors, Duration elapsed);
}
