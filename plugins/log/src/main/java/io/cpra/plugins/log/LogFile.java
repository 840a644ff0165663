package io.cpra.plugins.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of one log file, shared by every monitor that logs to it.
 *
 * <p><b>Whole lines:</b> each line is written with one {@code write} call under a lock, to a
 * stream opened in append mode ({@code O_APPEND}), so lines from many threads never interleave
 * and land at the end even when another process appends too.
 *
 * <p><b>Rotation:</b> before each line the file key (device and inode) at the path is compared
 * with the one recorded when the stream was opened. When logrotate has moved the file away (or
 * deleted it), the keys differ and the file is reopened at the path, so the next line goes to
 * the new file. {@code copytruncate} needs nothing: append mode writes at the new end.
 *
 * <p><b>Interrupts:</b> a {@code FileChannel} closes itself when a thread writing to it is
 * interrupted, which would cut every monitor sharing the file off; a {@link FileOutputStream}
 * does not, so one interrupted delivery cannot break the others.
 *
 * <p>Thread-safe. The stream opens lazily, at the first line.
 */
final class LogFile {

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private FileOutputStream out;   // guarded by lock
    private Object key;             // guarded by lock; the file key of what out writes to
    private boolean closed;         // guarded by lock

    LogFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Appends one line.
     *
     * @param line the bytes of one whole line, newline included
     * @param sync whether to force the line to disk before returning
     * @throws IOException when the file cannot be opened or written; the next call tries afresh
     */
    void append(byte[] line, boolean sync) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("log file " + path + " was closed");
            }
            ensureCurrent();
            try {
                out.write(line);
                if (sync) {
                    out.getFD().sync();
                }
            } catch (IOException e) {
                closeStream();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void ensureCurrent() throws IOException {
        Object current = fileKey(path);
        if (out != null && current != null && current.equals(key)) {
            return;
        }
        closeStream();
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new FileOutputStream(path.toFile(), true);
        key = fileKey(path);
    }

    private static Object fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            // Without file keys (some file systems) rotation by rename goes unnoticed; nothing better is portable.
            return key == null ? path : key;
        } catch (NoSuchFileException moved) {
            return null;
        }
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the stream is being dropped either way
            }
            out = null;
            key = null;
        }
    }

    /** Closes the file; later appends fail. Called when no monitor uses the file any more. */
    void close() {
        lock.lock();
        try {
            closed = true;
            closeStream();
        } finally {
            lock.unlock();
        }
    }

    Path path() {
        return path;
    }
}
