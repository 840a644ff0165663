package io.cpra.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data folder: an exclusive operating-system lock on {@code data/cpra.lock}, held
 * for the life of the process, the file holding the holder's PID for the message a second server
 * prints. The lock, not the file, is what counts: the OS drops it when the process ends however
 * it ends ({@code kill -9} included), so a file left behind never blocks a start.
 */
final class DataFolderLock implements AutoCloseable {

    /** The lock file's name in the data folder. */
    static final String FILE = "cpra.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param dataFolder the data folder; created when missing
     * @return the lock, to hold until the process ends
     * @throws Held        when another process holds it
     * @throws IOException when the folder or the file cannot be made or opened
     */
    static DataFolderLock take(Path dataFolder) throws Held, IOException {
        Files.createDirectories(dataFolder);
        Path file = dataFolder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new Held(dataFolder, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DataFolderLock(channel, lock);
    }

    /** The PID the holder wrote, or a question mark while it has not written it yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(32);
        channel.read(text, 0);
        String pid = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).strip();
        return pid.chars().allMatch(Character::isDigit) && !pid.isEmpty() ? pid : "?";
    }

    /** Releases the lock; the file stays, harmless. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another process holds the data folder. */
    static final class Held extends Exception {
        private final String pid;

        Held(Path dataFolder, String pid) {
            super("the data folder " + dataFolder + " is in use by another cpra (pid " + pid + "); stop that one first,"
                    + " or give this one its own folder (cpra.data, CPRA_DATA)");
            this.pid = pid;
        }

        /** The holder's PID as it wrote it, or {@code ?}. */
        String pid() {
            return pid;
        }
    }
}
