package io.cpra.plugins.network;

import java.time.Duration;

/**
 * Everything about an {@code icmp} monitor except its host. Immutable, with value equality,
 * so the plugin interns it.
 *
 * @param count           echo requests per round
 * @param timeout         how long to wait for each reply, or null to split the time left
 *                        evenly between the requests left
 * @param retries         extra rounds after one without any reply, within the same deadline
 * @param ignorePrivilege accept a TCP probe of port 7 when ICMP is not available
 */
record IcmpSpec(int count, Duration timeout, int retries, boolean ignorePrivilege) {
}
