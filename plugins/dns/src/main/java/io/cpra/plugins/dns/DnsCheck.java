package io.cpra.plugins.dns;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One prepared {@code dns} monitor: the name to ask for and a pointer to its shared
 * {@link DnsSpec}. Immutable, so safe for concurrent calls.
 *
 * <p>An attempt sends one query (UDP with EDNS, falling back to TCP when the response is
 * truncated) to the configured server, or to the next of the system's resolvers on each
 * retry (each attempt using an equal share of the time left), and judges the response code
 * and the answers of the asked type; CNAMEs met on the way to an A answer are not answers.
 */
final class DnsCheck implements PulseCheck {

    /** The UDP payload size advertised with EDNS, the value DNS Flag Day 2020 settled on. */
    static final int EDNS_PAYLOAD = 1232;

    private static final int SHOWN_ANSWERS = 5;

    private final Name name;
    private final DnsSpec spec;
    private final DnsTools tools;

    DnsCheck(Name name, DnsSpec spec, DnsTools tools) {
        this.name = name;
        this.spec = spec;
        this.tools = tools;
    }

    DnsSpec spec() {
        return spec;
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        List<Server> servers = spec.server() != null ? List.of(spec.server()) : tools.systemServers().get();
        if (servers.isEmpty()) {
            return PulseOutcome.unknown("no DNS server configured on this system; set server");
        }
        int allowed = spec.retries() + 1;
        PulseOutcome outcome = attempt(servers.get(0), deadline.share(allowed));
        int attempts = 1;
        while (!outcome.passing() && attempts < allowed && !deadline.expired()) {
            outcome = attempt(servers.get(attempts % servers.size()), deadline.share(allowed - attempts));
            attempts++;
        }
        return attempts == 1 ? outcome
                : outcome.withMessage(outcome.message() + " (attempt " + attempts + ")");
    }


    private PulseOutcome attempt(Server server, Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before asking " + server);
        }
        String asked = name.toString(true) + " " + spec.type();
        long start = tools.nanoTime();
        try {
            InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
            if (address.isUnresolved()) {
                return PulseOutcome.critical(asked + ": unknown DNS server host " + server.host());
            }
            Message query = query();
            byte[] wire = query.toWire();
            boolean tcp = spec.tcp();
            Message response = new Message(tcp ? Exchange.tcp(address, wire, deadline)
                    : Exchange.udp(address, wire, Exchange.id(query), deadline));
            if (!tcp && response.getHeader().getFlag(Flags.TC)) {
                tcp = true;
                response = new Message(Exchange.tcp(address, wire, deadline));
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(tools.nanoTime() - start);
            String from = " (" + server + (tcp ? " over TCP" : "") + " in " + elapsedMs + " ms)";
            return judge(asked, response, from).withDetail("time=" + elapsedMs + "ms");
        } catch (IOException | RuntimeException e) {
            if (interrupted(e)) {
                InterruptedException interrupted = new InterruptedException("interrupted while asking " + server);
                interrupted.initCause(e);
                throw interrupted;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(tools.nanoTime() - start);
            return PulseOutcome.critical(asked + ": " + failure(e, server, elapsedMs)).withDetail("time=" + elapsedMs + "ms");
        }
    }

    private Message query() {
        Message query = Message.newQuery(Record.newRecord(name, spec.type().code(), DClass.IN));
        if (!spec.recursion()) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        return query;
    }

    private PulseOutcome judge(String asked, Message response, String from) {
        int rcode = response.getRcode();
        if (rcode != spec.expectedRcode()) {
            return PulseOutcome.critical(asked + ": " + Rcode.string(rcode) + from
                    + ", expected " + Rcode.string(spec.expectedRcode()));
        }
        Set<String> answers = new LinkedHashSet<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == spec.type().code()) {
                answers.add(spec.type().answer(record));
            }
        }
        if (rcode != Rcode.NOERROR) {
            return PulseOutcome.ok(asked + ": " + Rcode.string(rcode) + " as expected" + from);
        }
        if (answers.isEmpty()) {
            return PulseOutcome.critical(asked + ": no " + spec.type() + " record" + from);
        }
        String seen = asked + ": " + shown(answers) + from;
        String missing = mismatch(answers);
        return missing == null ? PulseOutcome.ok(seen) : PulseOutcome.critical(seen + ", " + missing);
    }

    /** Why the answers do not satisfy the expectation, or null when they do. */
    private String mismatch(Set<String> answers) {
        List<String> expected = spec.expected();
        if (expected.isEmpty()) {
            return null;
        }
        List<String> absent = new ArrayList<>();
        for (String value : expected) {
            if (answers.stream().noneMatch(answer -> spec.type().matches(value, answer))) {
                absent.add(value);
            }
        }
        return switch (spec.match()) {
            case ANY -> absent.size() < expected.size() ? null : "expected any of " + String.join(", ", expected);
            case ALL -> absent.isEmpty() ? null : "missing " + String.join(", ", absent);
            case EXACT -> {
                List<String> extra = new ArrayList<>();
                for (String answer : answers) {
                    if (expected.stream().noneMatch(value -> spec.type().matches(value, answer))) {
                        extra.add(answer);
                    }
                }
                if (absent.isEmpty() && extra.isEmpty()) {
                    yield null;
                }
                yield (absent.isEmpty() ? "" : "missing " + String.join(", ", absent) + (extra.isEmpty() ? "" : "; "))
                        + (extra.isEmpty() ? "" : "unexpected " + String.join(", ", extra));
            }
        };
    }

    private static String shown(Set<String> answers) {
        List<String> shown = new ArrayList<>();
        for (String answer : answers) {
            if (shown.size() == SHOWN_ANSWERS) {
                shown.add("+" + (answers.size() - SHOWN_ANSWERS) + " more");
                break;
            }
            shown.add(answer.indexOf(' ') >= 0 || answer.isEmpty() ? "\"" + answer + "\"" : answer);
        }
        return String.join(", ", shown);
    }

    private static String failure(Throwable error, Server server, long elapsedMs) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + server + " within " + elapsedMs + " ms";
            }
            if (t instanceof UnknownHostException) {
                return "unknown DNS server host " + server.host();
            }
            if (t instanceof ConnectException) {
                return "connection to " + server + " refused";
            }
            if (t instanceof PortUnreachableException) {
                return server + " is not listening (ICMP port unreachable)";
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "cannot ask " + server + ": " + message;
    }

    private static boolean interrupted(Throwable error) {
        boolean interrupted = Thread.interrupted();
        for (Throwable t = error; t != null && !interrupted; t = t.getCause()) {
            interrupted = t instanceof InterruptedException || t instanceof ClosedByInterruptException;
        }
        return interrupted;
    }

    @Override
    public String toString() {
        return "DnsCheck[" + name + " " + spec.type() + "]";
    }
}
