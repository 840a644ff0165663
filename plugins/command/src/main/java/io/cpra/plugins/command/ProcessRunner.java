package io.cpra.plugins.command;

import io.cpra.plugin.api.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs programs for the command plugins: at most a fixed number at once, each bounded by a
 * deadline, with its whole process tree killed when the deadline passes. Thread-safe.
 *
 * <p><b>Bulkhead.</b> A fair semaphore bounds the processes alive at once, so a million
 * monitors cannot fork a million processes; waiting for a permit counts against the deadline.
 * The bound is {@value #MAX_CONCURRENT_PROPERTY} (a system property), by default four per
 * processor and at least eight. The pulse and both interventions share {@link #shared()}.
 *
 * <p><b>Output.</b> Standard output and error go to two temporary files, not pipes, so a
 * chatty program can never block on a full pipe, the calling thread needs no helper threads
 * to drain it, and a grandchild that keeps a pipe open cannot hold the call past its
 * deadline. Only the first {@link #OUTPUT_LIMIT} bytes of each are read back. Standard input
 * is closed at once. The files are private to cpra's user and deleted after every run.
 *
 * <p><b>Deadline.</b> The calling (virtual) thread waits for the exit with the time left. At
 * the deadline, or when interrupted, the process and every descendant it has at that moment
 * are killed with {@code SIGKILL}: the descendants are listed first, because once the parent
 * dies its children are re-parented and no longer found under it.
 */
final class ProcessRunner {

    /** System property bounding the processes run at once. */
    static final String MAX_CONCURRENT_PROPERTY = "cpra.plugins.command.max-concurrent";

    /** The most bytes of standard output, and of standard error, that are read back. */
    static final int OUTPUT_LIMIT = 64 * 1024;

    /** How a run ended. */
    enum Ending {
        /** The program exited; see {@link Result#exitCode()}. */
        EXITED,
        /** The deadline passed; the process tree was killed. */
        TIMED_OUT,
        /** No permit came free before the deadline; nothing was started. */
        NO_SLOT,
        /** The program could not be started; see {@link Result#error()}. */
        NOT_STARTED
    }

    /**
     * What a run produced.
     *
     * @param ending       how it ended
     * @param exitCode     the exit code when {@link Ending#EXITED}, else -1
     * @param stdout       the head of standard output, UTF-8 (malformed bytes replaced)
     * @param stderr       the head of standard error
     * @param elapsedNanos from start to exit or kill
     * @param killed       how many processes were killed at the deadline (the program and its descendants)
     * @param error        why the program did not start, or an empty string
     */
    record Result(Ending ending, int exitCode, String stdout, String stderr, long elapsedNanos, int killed, String error) {

        /** The first non-blank line of standard output, else of standard error, else empty. */
        String firstLine() {
            for (String text : List.of(stdout, stderr)) {
                for (String line : text.split("\r?\n")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "";
        }
    }

    private final Semaphore permits;
    private final int maxConcurrent;
    private final LongSupplier nanoClock;
    private final Path tempDir;

    ProcessRunner(int maxConcurrent, LongSupplier nanoClock, Path tempDir) {
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.nanoClock = nanoClock;
        this.tempDir = tempDir;
    }

    /** The runner every command plugin of this module shares, created on first use. */
    static ProcessRunner shared() {
        return Shared.RUNNER;
    }

    private static final class Shared {
        static final ProcessRunner RUNNER = new ProcessRunner(
                Math.max(1, Integer.getInteger(MAX_CONCURRENT_PROPERTY, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()))),
                System::nanoTime,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    int maxConcurrent() {
        return maxConcurrent;
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    /**
     * Runs a program to its exit or the deadline.
     *
     * @param invocation what to run
     * @param extraEnv   variables set last, such as {@code CPRA_MONITOR}
     * @param deadline   when the program must have exited
     * @return how it ended and what it printed
     * @throws InterruptedException when interrupted while waiting for a permit or for the
     *                              exit; the process tree is killed first
     */
    Result run(Invocation invocation, Map<String, String> extraEnv, Deadline deadline) throws InterruptedException {
        if (!permits.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
            return new Result(Ending.NO_SLOT, -1, "", "", 0, 0, "");
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile(tempDir, "cpra-command-", ".out");
            err = Files.createTempFile(tempDir, "cpra-command-", ".err");
            return start(invocation, extraEnv, deadline, out, err);
        } catch (IOException e) {
            return new Result(Ending.NOT_STARTED, -1, "", "", 0, 0, "cannot create output files in " + tempDir + ": " + e.getMessage());
        } finally {
            delete(out);
            delete(err);
            permits.release();
        }
    }

    private Result start(Invocation invocation, Map<String, String> extraEnv, Deadline deadline, Path out, Path err)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(invocation.argv())
                .directory(Path.of(invocation.workingDir()).toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        if (!invocation.inheritEnv()) {
            String path = environment.get("PATH");
            environment.clear();
            if (path != null) {
                environment.put("PATH", path);
            }
        }
        environment.putAll(invocation.env());
        environment.putAll(extraEnv);
        long start = nanoClock.getAsLong();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(Ending.NOT_STARTED, -1, "", "", 0, 0, e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program already closed its end; nothing to tell it
        }
        boolean exited;
        try {
            exited = process.waitFor(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        int killed = exited ? 0 : killTree(process);
        long elapsed = nanoClock.getAsLong() - start;
        return new Result(exited ? Ending.EXITED : Ending.TIMED_OUT, exited ? process.exitValue() : -1,
                head(out), head(err), elapsed, killed, "");
    }

    /**
     * Kills a process and its descendants with SIGKILL and waits briefly for the process to be
     * reaped, keeping the caller's interrupt status.
     *
     * @return how many processes were told to die
     */
    static int killTree(Process process) {
        ProcessHandle root = process.toHandle();
        // listed before the kill: a dead parent's children are re-parented and leave the tree
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 1 + descendants.size();
    }

    /** {@code " and 2 child processes"} for messages; empty for none. */
    static String children(int count) {
        return count <= 0 ? "" : count == 1 ? " and 1 child process" : " and " + count + " child processes";
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory is cleaned by the system
            }
        }
    }
}
