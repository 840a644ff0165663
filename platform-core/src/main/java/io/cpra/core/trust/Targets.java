package io.cpra.core.trust;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a target key points and whether API monitors may go there. Host names are resolved
 * when the check runs (at create, start and reload): a name that resolves to a denied address
 * is refused, one that does not resolve is let through (its checks fail on their own). A name
 * may resolve elsewhere later (DNS rebinding); the ranges bound what a check reaches only as of
 * the last check. Immutable.
 */
final class Targets {

    /** Resolves host names; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    interface Resolver {
        /**
         * @param host a host name or address literal
         * @return its addresses
         * @throws UnknownHostException when it does not resolve
         */
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The system resolver. */
    static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private final List<Cidr> allow;
    private final List<Cidr> deny;
    private final List<Cidr> bodyMatchDeny;
    private final Resolver resolver;

    Targets(ApiPolicy policy, Resolver resolver) {
        this.allow = policy.targetAllow().stream().map(Cidr::parse).toList();
        this.deny = policy.targetDeny().stream().map(Cidr::parse).toList();
        this.bodyMatchDeny = policy.bodyMatchDeny().stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /** The host of a URL, without brackets; empty when it is not a URL with a host (the plugin says so). */
    static Optional<String> hostOfUrl(String url) {
        try {
            String host = new URI(url.strip()).getHost();
            if (host == null || host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(unbracket(host));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The host of {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal. */
    static Optional<String> hostOf(String written) {
        String value = written.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? Optional.empty() : Optional.of(withoutZone(value.substring(1, end)));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return Optional.of(value.substring(0, colon));
        }
        return Optional.of(withoutZone(value));
    }

    private static String unbracket(String host) {
        return withoutZone(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
    }

    /**
     * An IPv6 literal without its zone ({@code fe80::1%eth0}, {@code %25eth0} in a URL): the
     * zone picks an interface, not an address, and a zone naming no interface here must not
     * make a link-local address unresolvable and so let it through.
     */
    private static String withoutZone(String host) {
        int zone = host.indexOf('%');
        return zone > 0 && host.indexOf(':') >= 0 ? host.substring(0, zone) : host;
    }

    /**
     * The addresses a host resolves to now; empty when it does not resolve.
     *
     * @param host a host name or literal
     * @return its addresses
     */
    List<InetAddress> addresses(String host) {
        try {
            return resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    /**
     * Why the host may not be reached, or empty.
     *
     * @param host      the host as written
     * @param addresses its addresses
     * @return the reason, naming the address and the range
     */
    Optional<String> refusal(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            String shown = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
            for (Cidr range : deny) {
                if (range.contains(address)) {
                    return Optional.of(shown + " is in " + range + ", which API monitors may not reach "
                            + "(cpra.api.policy.targets.deny)");
                }
            }
            if (!allow.isEmpty() && allow.stream().noneMatch(range -> range.contains(address))) {
                return Optional.of(shown + " is outside the ranges API monitors may reach " + allow
                        + " (cpra.api.policy.targets.allow)");
            }
        }
        return Optional.empty();
    }

    /**
     * Why responses from the host may not be matched against, or empty.
     *
     * @param host      the host as written
     * @param addresses its addresses
     * @return the reason
     */
    Optional<String> bodyMatchRefusal(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            for (Cidr range : bodyMatchDeny) {
                if (range.contains(address)) {
                    String shown = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
                    return Optional.of("API monitors may not match the responses of " + shown + ", which is in "
                            + range + " (cpra.api.policy.body-match-deny): the outcome would reveal what the page says");
                }
            }
        }
        return Optional.empty();
    }
}
