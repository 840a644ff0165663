package io.cpra.plugins.dns;

import java.util.List;

/**
 * Everything about a {@code dns} monitor except the name it asks for. Immutable, with value
 * equality, so the plugin interns it.
 *
 * @param type          the record type asked for
 * @param server        the server to ask, or null for the system's resolvers
 * @param expected      expected answers, written as {@link QueryType#expected} does; empty for any
 * @param match         how the expected answers must match
 * @param expectedRcode the response code that passes, such as {@code NOERROR}
 * @param tcp           ask over TCP instead of UDP
 * @param recursion     set the recursion-desired flag
 * @param retries       extra attempts after a failed one, within the same deadline
 */
record DnsSpec(QueryType type,
               Server server,
               List<String> expected,
               Match match,
               int expectedRcode,
               boolean tcp,
               boolean recursion,
               int retries) {

    /** How expected answers must match the answers received. */
    enum Match {
        /** At least one expected answer is among the answers. */
        ANY,
        /** Every expected answer is among the answers. */
        ALL,
        /** The answers are exactly the expected ones. */
        EXACT
    }
}
