package io.cpra.bench.realtarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Linux's {@code /proc} says of a process and everything it started: CPU time and resident
 * memory. Dead processes count nothing, so read a tree while it runs. No instances.
 */
final class Proc {

    /** Clock ticks per second of {@code utime} and {@code stime}: 100 on every Linux the suite targets. */
    static final double TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** One reading of a tree. */
    record Usage(double cpuSeconds, long rssBytes) {
    }

    /**
     * @param pid the root of the tree
     * @return its CPU seconds (user and system) and resident bytes, summed over the tree
     */
    static Usage tree(long pid) {
        double cpu = 0;
        long rss = 0;
        for (long member : members(pid)) {
            cpu += cpuSeconds(member);
            rss += rssBytes(member);
        }
        return new Usage(cpu, rss);
    }

    /** @return the one-, five- and fifteen-minute load averages, as {@code /proc/loadavg} has them */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<Long> members(long pid) {
        List<Long> members = new ArrayList<>();
        members.add(pid);
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(d -> members.add(d.pid())));
        return members;
    }

    /** Fields 14 and 15 of {@code /proc/PID/stat}, counted after the command's closing parenthesis. */
    static double cpuSeconds(long pid) {
        try {
            return parseStatCpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    static long parseStatCpuTicks(String stat) {
        // the command may hold spaces and parentheses; the fields after the last ')' are fixed
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
