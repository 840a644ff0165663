package io.cpra.bench.realtarget;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads nginx's access log ({@link Nginx#LOG_FORMAT}) into compact columns: for each request of a
 * known monitor, its start (wall-clock milliseconds: {@code $msec} less {@code $request_time}),
 * the monitor's number and the status. nginx writes a line when a request ends, so lines are in
 * order of end; one monitor's checks never overlap, so each monitor's lines are in order of start.
 *
 * <p>Not thread-safe: one reader builds it, then it is only read.
 */
final class AccessLog {

    private final Roster roster;
    private long[] start = new long[1 << 16];
    private int[] monitor = new int[1 << 16];
    private short[] status = new short[1 << 16];
    private int size;
    private long unattributed;
    private long malformed;

    private AccessLog(Roster roster) {
        this.roster = roster;
    }

    /**
     * @param file   the access log
     * @param roster the monitors the lines may name
     * @return the log's requests
     * @throws IOException when it cannot be read
     */
    static AccessLog read(Path file, Roster roster) throws IOException {
        AccessLog log = new AccessLog(roster);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.add(line);
            }
        }
        return log;
    }

    static AccessLog of(List<String> lines, Roster roster) {
        AccessLog log = new AccessLog(roster);
        lines.forEach(log::add);
        return log;
    }

    private void add(String line) {
        Parsed parsed = parse(line, roster);
        if (parsed == null) {
            malformed++;
        } else if (parsed.monitor() < 0) {
            unattributed++;
        } else {
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                monitor = Arrays.copyOf(monitor, size * 2);
                status = Arrays.copyOf(status, size * 2);
            }
            start[size] = parsed.startMillis();
            monitor[size] = parsed.monitor();
            status[size] = (short) parsed.status();
            size++;
        }
    }

    /** One line: when the request started, the monitor's number (-1: none of the roster's) and the status. */
    record Parsed(long startMillis, int monitor, int status) {
    }

    /**
     * @param line   {@code $msec $request_time $status $arg_m ...}
     * @param roster the known monitors
     * @return the line's fields, or null when it is not of the suite's format
     */
    static Parsed parse(String line, Roster roster) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0) {
            return null;
        }
        int d = line.indexOf(' ', c + 1);
        long end = millis(line, 0, a);
        long took = millis(line, a + 1, b);
        int status = (int) digits(line, b + 1, c);
        if (end < 0 || took < 0 || status < 0) {
            return null;
        }
        return new Parsed(end - took, roster.number(line, c + 1, d < 0 ? line.length() : d), status);
    }

    /** {@code 1796652124.108} or {@code 0.000}: seconds with three decimals, as milliseconds. */
    private static long millis(String text, int from, int to) {
        int dot = text.indexOf('.', from);
        if (dot < 0 || dot >= to || to - dot != 4) {
            return -1;
        }
        long seconds = digits(text, from, dot);
        long fraction = digits(text, dot + 1, to);
        return seconds < 0 || fraction < 0 ? -1 : seconds * 1000 + fraction;
    }

    static long digits(String text, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    int size() {
        return size;
    }

    long startMillis(int i) {
        return start[i];
    }

    int monitor(int i) {
        return monitor[i];
    }

    int status(int i) {
        return status[i];
    }

    /** @return lines naming no monitor of the roster (no {@code m}, or another run's) */
    long unattributed() {
        return unattributed;
    }

    /** @return lines not in the suite's format */
    long malformed() {
        return malformed;
    }

    Roster roster() {
        return roster;
    }

    /**
     * Follows the log while nginx writes it, counting the requests that start in a span of time;
     * what nginx still buffers (up to a second's worth) is read on a later call. Not thread-safe.
     */
    static final class Tail implements AutoCloseable {

        private final RandomAccessFile file;
        private final Roster roster;
        private final StringBuilder partial = new StringBuilder();
        private final byte[] buffer = new byte[1 << 16];
        /** Requests by the second they started in, from {@link #origin}. */
        private long[] perSecond = new long[600];
        private long origin = -1;

        Tail(Path log, Roster roster) throws IOException {
            this.file = new RandomAccessFile(log.toFile(), "r");
            this.roster = roster;
        }

        /** Reads what nginx has written since the last call. */
        void poll() throws IOException {
            int read;
            while ((read = file.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    char ch = (char) buffer[i];
                    if (ch == '\n') {
                        count(partial.toString());
                        partial.setLength(0);
                    } else {
                        partial.append(ch);
                    }
                }
            }
        }

        private void count(String line) {
            Parsed parsed = parse(line, roster);
            if (parsed == null || parsed.monitor() < 0) {
                return;
            }
            long second = parsed.startMillis() / 1000;
            if (origin < 0) {
                origin = second - 60;
            }
            long slot = second - origin;
            if (slot < 0) {
                return;
            }
            if (slot >= perSecond.length) {
                perSecond = Arrays.copyOf(perSecond, (int) Math.max(slot + 1, perSecond.length * 2L));
            }
            perSecond[(int) slot]++;
        }

        /**
         * @param fromMillis start of the span, wall-clock milliseconds
         * @param toMillis   end of the span (whole seconds are counted)
         * @return requests that started in the whole seconds of the span
         */
        long started(long fromMillis, long toMillis) {
            long total = 0;
            for (long second = fromMillis / 1000; second < toMillis / 1000; second++) {
                long slot = second - origin;
                if (origin >= 0 && slot >= 0 && slot < perSecond.length) {
                    total += perSecond[(int) slot];
                }
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
