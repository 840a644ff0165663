package io.cpra.plugins.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether this process can send ICMP echo requests, and so what the {@code icmp} pulse can
 * measure.
 *
 * <p>The JDK has no ICMP API. {@link java.net.InetAddress#isReachable(int)} sends a real ICMP
 * echo request only when it can open a raw socket, which on Linux takes root or the
 * {@code CAP_NET_RAW} capability; otherwise it silently tries a TCP connection to port 7
 * (echo) instead and counts a refused connection as an answer. So the plugin finds out up
 * front which one it would get, and never reports the TCP probe as a ping.
 *
 * <p>Detection: on Linux, the effective capability set in {@code /proc/self/status}; on
 * Windows, ICMP always (the JDK uses the unprivileged {@code IcmpSendEcho}); elsewhere, ICMP
 * only for the {@code root} user. Detection errs towards "no ICMP": at worst a host that
 * could have been pinged is probed over TCP, and the message says so.
 */
enum IcmpAccess {

    /** Raw sockets are available: {@code isReachable} sends ICMP echo requests. */
    ICMP,
    /** No raw sockets: only a TCP probe of port 7 is possible. */
    TCP_ECHO;

    /** Linux's number for {@code CAP_NET_RAW}. */
    static final int CAP_NET_RAW = 13;

    /** Finds out for this process. */
    static IcmpAccess detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return ICMP;
        }
        if (os.startsWith("linux")) {
            try {
                return fromProcStatus(Files.readAllLines(Path.of("/proc/self/status")));
            } catch (IOException | RuntimeException unreadable) {
                return TCP_ECHO;
            }
        }
        return "root".equals(System.getProperty("user.name")) ? ICMP : TCP_ECHO;
    }

    /**
     * Reads the effective capabilities from the lines of Linux's {@code /proc/<pid>/status}.
     *
     * @param lines the file's lines
     * @return ICMP when {@code CAP_NET_RAW} is effective
     */
    static IcmpAccess fromProcStatus(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).strip();
                try {
                    long effective = Long.parseUnsignedLong(hex, 16);
                    return (effective & (1L << CAP_NET_RAW)) != 0 ? ICMP : TCP_ECHO;
                } catch (NumberFormatException malformed) {
                    return TCP_ECHO;
                }
            }
        }
        return TCP_ECHO;
    }
}
