package io.cpra.plugins.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The record types the {@code dns} pulse queries, and how their answers and expected values
 * are written so that they compare as text: addresses in Java's canonical form, names in
 * lower case without the final dot, MX as {@code "priority host"}, TXT as its strings joined.
 */
enum QueryType {

    A(Type.A),
    AAAA(Type.AAAA),
    CNAME(Type.CNAME),
    MX(Type.MX),
    TXT(Type.TXT),
    NS(Type.NS);

    private final int code;

    QueryType(int code) {
        this.code = code;
    }

    /** dnsjava's number for this type. */
    int code() {
        return code;
    }

    /**
     * Finds a type by name, ignoring case.
     *
     * @throws IllegalArgumentException naming the supported types
     */
    static QueryType of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not supported; use A, AAAA, CNAME, MX, TXT or NS");
        }
    }

    /** An answer of this type as text; see the class comment. */
    String answer(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress().getHostAddress();
            case AAAARecord aaaa -> aaaa.getAddress().getHostAddress();
            case CNAMERecord cname -> name(cname.getTarget().toString());
            case NSRecord ns -> name(ns.getTarget().toString());
            case MXRecord mx -> mx.getPriority() + " " + name(mx.getTarget().toString());
            case TXTRecord txt -> String.join("", txt.getStrings());
            default -> record.rdataToString();
        };
    }

    /**
     * An expected value, checked and written like an answer.
     *
     * @throws IllegalArgumentException when it cannot be an answer of this type
     */
    String expected(String value) {
        String text = value.strip();
        return switch (this) {
            case A -> address(text, Inet4Address.class, "an IPv4 address");
            case AAAA -> address(text, Inet6Address.class, "an IPv6 address");
            case CNAME, NS -> hostName(text);
            case MX -> {
                String[] parts = text.split("\\s+");
                if (parts.length == 2 && parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty()) {
                    yield Integer.parseInt(parts[0]) + " " + hostName(parts[1]);
                }
                if (parts.length == 1) {
                    yield hostName(parts[0]);
                }
                throw new IllegalArgumentException("\"" + value + "\" is not an MX answer; write \"10 mail.example\" or \"mail.example\"");
            }
            case TXT -> value;
        };
    }

    /**
     * Whether an answer satisfies an expected value. An MX expectation without a priority
     * matches on the host alone.
     */
    boolean matches(String expected, String answer) {
        if (this == MX && expected.indexOf(' ') < 0) {
            return answer.substring(answer.indexOf(' ') + 1).equals(expected);
        }
        return answer.equals(expected);
    }

    private static String address(String text, Class<? extends InetAddress> family, String what) {
        boolean literal = text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (literal && !text.isEmpty()) {
            try {
                InetAddress address = InetAddress.getByName(text); // a literal: parsed, never looked up
                if (family.isInstance(address)) {
                    return address.getHostAddress();
                }
            } catch (UnknownHostException malformed) {
                // reported below
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not " + what);
    }

    private static String hostName(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a host name");
        }
        return name(text);
    }

    private static String name(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.length() > 1 && lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
