package io.cpra.plugins.command;

import io.cpra.plugin.api.PulseOutcome.Status;

/**
 * The output of a program that follows the Nagios plugin convention (the Monitoring Plugins
 * Development Guidelines):
 *
 * <pre>
 * TEXT OUTPUT | OPTIONAL PERFDATA
 * LONG TEXT LINE 1
 * LONG TEXT LINE 2 | PERFDATA LINE 2
 * PERFDATA LINE 3
 * </pre>
 *
 * <p>The first line before {@code |} is the message; performance data is everything after
 * the first {@code |} of the first line, after the first {@code |} in the long text, and every
 * line after that one, joined by spaces. Immutable.
 *
 * @param message  the first line's text, trimmed; may be empty
 * @param perfData the performance data joined into one line, trimmed; may be empty
 * @param longText the lines between the first line and any performance data; may be empty
 */
record NagiosOutput(String message, String perfData, String longText) {

    /** The longest message kept; a plugin that prints a novel on its first line is cut. */
    static final int MAX_MESSAGE = 1024;

    /**
     * Parses standard output.
     *
     * @param stdout the output, possibly cut at a size limit
     * @return its parts
     */
    static NagiosOutput parse(String stdout) {
        String[] lines = stdout.split("\r\n|[\r\n]", -1);
        String first = lines[0];
        int bar = first.indexOf('|');
        String message = (bar < 0 ? first : first.substring(0, bar)).strip();
        StringBuilder perf = new StringBuilder(bar < 0 ? "" : first.substring(bar + 1).strip());
        StringBuilder longText = new StringBuilder();
        boolean inPerfData = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (inPerfData) {
                append(perf, line);
                continue;
            }
            int split = line.indexOf('|');
            if (split < 0) {
                if (longText.length() > 0) {
                    longText.append('\n');
                }
                longText.append(line);
            } else {
                if (longText.length() > 0) {
                    longText.append('\n');
                }
                longText.append(line, 0, split);
                append(perf, line.substring(split + 1));
                inPerfData = true;
            }
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return new NagiosOutput(message, perf.toString(), longText.toString().strip());
    }

    private static void append(StringBuilder perf, String part) {
        String trimmed = part.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (perf.length() > 0) {
            perf.append(' ');
        }
        perf.append(trimmed);
    }

    /**
     * The status an exit code stands for: 0 OK, 1 WARNING, 2 CRITICAL, anything else
     * (3 by convention, but also 127 for "command not found" or 137 for a kill) UNKNOWN.
     */
    static Status status(int exitCode) {
        return switch (exitCode) {
            case 0 -> Status.OK;
            case 1 -> Status.WARNING;
            case 2 -> Status.CRITICAL;
            default -> Status.UNKNOWN;
        };
    }
}
