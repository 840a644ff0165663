package io.cpra.plugins.command;

/**
 * A {@code command} pulse as configured: what to run and how often to retry. Immutable, with
 * value equality, so monitors running the same command share one.
 *
 * @param invocation what to run
 * @param retries    extra runs after a failed one, within the same deadline
 */
record CommandSpec(Invocation invocation, int retries) {
}
