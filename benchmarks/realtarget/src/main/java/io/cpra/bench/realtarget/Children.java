package io.cpra.bench.realtarget;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes the runner starts (nginx, cpra), none of which may outlive it.
 *
 * <p>Each runs under a small {@code sh} tether that holds a pipe from the runner on its standard
 * input: when the runner ends in any way, SIGKILL included, the pipe closes and the tether sends
 * the child SIGTERM, then SIGKILL ten seconds later. A shutdown hook ends the children in order
 * first when the runner is interrupted (Ctrl-C, SIGTERM), and {@link #stop} ends one on purpose.
 *
 * <p>Thread-safe: starts and stops may come from the runner's thread and the shutdown hook.
 */
final class Children implements AutoCloseable {

    /**
     * {@code sh -c TETHER tether PIDFILE COMMAND...}: starts the command with no input, writes its
     * pid, and watches the runner's pipe on a copy of standard input (an asynchronous list in a
     * non-interactive shell reads /dev/null unless redirected, hence fd 3).
     */
    private static final String TETHER = """
            exec 3<&0
            pidfile=$1; shift
            "$@" </dev/null &
            child=$!
            echo "$child" > "$pidfile.tmp" && mv "$pidfile.tmp" "$pidfile"
            ( while read -r _; do :; done <&3
              kill -TERM "$child" 2>/dev/null && sleep 10 && kill -KILL "$child" 2>/dev/null ) &
            wait "$child"
            """;

    private final Deque<Child> running = new ArrayDeque<>();
    private final Thread hook = new Thread(this::close, "realtarget-cleanup");
    private Runnable afterwards = () -> { };

    Children() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** One started process: its tether, and the command's own pid. */
    record Child(String name, Process tether, long pid, Signal stopSignal, Duration grace) {

        /** @return whether the command still runs */
        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The signals the runner sends. */
    enum Signal {
        HUP, TERM, QUIT, KILL
    }

    /**
     * Starts a command.
     *
     * @param name        for messages
     * @param command     the program and its arguments
     * @param environment added to the runner's environment
     * @param directory   its working folder
     * @param log         where its standard output and error go
     * @param stopSignal  what asks it to stop cleanly
     * @param grace       how long it may take before it is killed
     * @return the started child
     * @throws IOException when it cannot be started
     */
    synchronized Child start(String name, List<String> command, Map<String, String> environment, Path directory,
                             Path log, Signal stopSignal, Duration grace) throws IOException {
        Path pidFile = log.resolveSibling(log.getFileName() + ".pid");
        Files.deleteIfExists(pidFile);
        List<String> tethered = new java.util.ArrayList<>(List.of("sh", "-c", TETHER, "tether", pidFile.toString()));
        tethered.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(tethered).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process tether = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile)) {
            if (!tether.isAlive() || System.nanoTime() > deadline) {
                tether.destroyForcibly();
                throw new IOException(name + " did not start; see " + log);
            }
            sleep(10);
        }
        Child child = new Child(name, tether, Long.parseLong(Files.readString(pidFile).trim()), stopSignal, grace);
        running.push(child);
        return child;
    }

    /**
     * Asks a child to stop with its stop signal, kills it and whatever it started once its grace
     * has passed, and lets its tether go.
     *
     * @param child the child
     * @return whether it stopped within its grace
     */
    synchronized boolean stop(Child child) {
        if (!running.remove(child)) {
            return true;
        }
        boolean clean = true;
        Optional<ProcessHandle> handle = ProcessHandle.of(child.pid());
        if (handle.isPresent() && handle.get().isAlive()) {
            List<ProcessHandle> tree = handle.get().descendants().toList();
            signal(child.pid(), child.stopSignal());
            clean = waitFor(handle.get(), child.grace());
            if (!clean) {
                System.err.printf("%s (pid %d) did not stop within %s of SIG%s; killing it%n", child.name(),
                        child.pid(), child.grace(), child.stopSignal());
                handle.get().destroyForcibly();
                waitFor(handle.get(), Duration.ofSeconds(5));
            }
            for (ProcessHandle descendant : tree) {
                if (descendant.isAlive()) {
                    descendant.destroyForcibly();
                }
            }
        }
        release(child.tether());
        return clean;
    }

    /** Sets what to do once every child has stopped, on {@link #close()} or in the shutdown hook. */
    synchronized void afterwards(Runnable action) {
        afterwards = action;
    }

    /** Sends a signal to a child without stopping it (SIGHUP: reload). */
    void signal(Child child, Signal signal) {
        signal(child.pid(), signal);
    }

    /** Stops every child still running, newest first. */
    @Override
    public void close() {
        Child child;
        while ((child = peek()) != null) {
            stop(child);
        }
        Runnable action;
        synchronized (this) {
            action = afterwards;
            afterwards = () -> { };
        }
        action.run();
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it will find nothing left to stop
            }
        }
    }

    private synchronized Child peek() {
        return running.peek();
    }

    private static void signal(long pid, Signal signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(ProcessHandle handle, Duration within) {
        try {
            handle.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** Closes the tether's pipe: its watcher finds the child gone and the tether exits. */
    private static void release(Process tether) {
        try (OutputStream pipe = tether.getOutputStream()) {
            pipe.flush();
        } catch (IOException alreadyClosed) {
            // the tether is gone already
        }
        try {
            if (!tether.waitFor(15, TimeUnit.SECONDS)) {
                tether.descendants().forEach(ProcessHandle::destroyForcibly);
                tether.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
