package io.cpra.plugins.network;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One prepared {@code icmp} monitor: its host and a pointer to its shared {@link IcmpSpec}.
 * Immutable, so safe for concurrent calls.
 *
 * <p>A round sends {@code count} probes one after the other: ICMP echo requests when the
 * process may ({@link IcmpAccess#ICMP}), otherwise — only with {@code ignore_privilege} —
 * TCP probes of port 7. Every reply: OK; some: WARNING; none: CRITICAL, and the round is
 * repeated up to {@code retries} times, each round using an equal share of the time left. Without ICMP and without
 * {@code ignore_privilege} the outcome is UNKNOWN, saying why, rather than a TCP probe passed
 * off as a ping.
 */
final class IcmpCheck implements PulseCheck {

    private final String host;
    private final IcmpSpec spec;
    private final IcmpTools tools;

    IcmpCheck(String host, IcmpSpec spec, IcmpTools tools) {
        this.host = host;
        this.spec = spec;
        this.tools = tools;
    }

    IcmpSpec spec() {
        return spec;
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        boolean icmp = tools.access() == IcmpAccess.ICMP;
        if (!icmp && !spec.ignorePrivilege()) {
            return PulseOutcome.unknown("cannot send ICMP echo requests: the JVM needs root or CAP_NET_RAW for raw sockets; "
                    + "grant it (setcap cap_net_raw+ep on the java binary, or AmbientCapabilities=CAP_NET_RAW in systemd) "
                    + "or set ignore_privilege: true to accept a TCP probe of port 7 instead");
        }
        int allowed = spec.retries() + 1;
        PulseOutcome outcome = round(deadline.share(allowed), icmp);
        int rounds = 1;
        while (outcome.status() == PulseOutcome.Status.CRITICAL && rounds < allowed && !deadline.expired()) {
            outcome = round(deadline.share(allowed - rounds), icmp);
            rounds++;
        }
        return rounds == 1 ? outcome
                : outcome.withMessage(outcome.message() + " (round " + rounds + ")");
    }

    private PulseOutcome round(Deadline deadline, boolean icmp) throws InterruptedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return PulseOutcome.critical("unknown host: " + host);
        }
        if (icmp && !tools.nativeProbes().tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
            return PulseOutcome.unknown("no ICMP probe slot came free before the deadline ("
                    + IcmpTools.MAX_CONCURRENT_PROPERTY + " bounds concurrent probes)");
        }
        try {
            return probe(address, deadline, icmp);
        } finally {
            if (icmp) {
                tools.nativeProbes().release();
            }
        }
    }

    private PulseOutcome probe(InetAddress address, Deadline deadline, boolean icmp) throws InterruptedException {
        int answered = 0;
        long fastest = Long.MAX_VALUE;
        String error = null;
        for (int i = 0; i < spec.count(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while probing " + host);
            }
            long remaining = deadline.remainingNanos();
            if (remaining <= 0) {
                break;
            }
            long wait = spec.timeout() == null ? remaining / (spec.count() - i) : Math.min(spec.timeout().toNanos(), remaining);
            int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(wait)));
            long start = tools.nanoTime();
            try {
                boolean reply = icmp ? IcmpTools.echo(address, timeoutMillis) : IcmpTools.tcpProbe(address, timeoutMillis);
                if (reply) {
                    answered++;
                    fastest = Math.min(fastest, tools.nanoTime() - start);
                }
            } catch (IOException e) {
                if (Failures.interrupted(e)) {
                    InterruptedException interrupted = new InterruptedException("interrupted while probing " + host);
                    interrupted.initCause(e);
                    throw interrupted;
                }
                error = Failures.shorten(e.getMessage());
            }
        }
        String what = icmp ? "ICMP echo requests" : "TCP probes of port " + IcmpTools.ECHO_PORT + " (no ICMP without CAP_NET_RAW)";
        String message = host + " answered " + answered + "/" + spec.count() + " " + what;
        int lossPercent = 100 * (spec.count() - answered) / spec.count();
        if (answered == 0) {
            return PulseOutcome.critical(message + (error == null ? "" : ": " + error)).withDetail("loss=100%");
        }
        String detail = "loss=" + lossPercent + "% rtt=" + millis(fastest) + "ms";
        message += ", fastest in " + millis(fastest) + " ms";
        return (answered == spec.count() ? PulseOutcome.ok(message) : PulseOutcome.warning(message)).withDetail(detail);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }

    @Override
    public String toString() {
        return "IcmpCheck[" + host + "]";
    }
}
