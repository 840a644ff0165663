package io.cpra.core.engine;

/** The engine's running counts, written by its thread, read by metrics and summaries. */
final class EngineCounters {
    final Counter dueChecks = new Counter();
    final Counter checks = new Counter();
    final Counter failedChecks = new Counter();
    final Counter overruns = new Counter();
    final Counter skipped = new Counter();
    final Counter ignoredInputs = new Counter();
    final Counter lateResults = new Counter();
    final Counter codesRaised = new Counter();
    final Counter codesSuppressed = new Counter();
    final Counter deliveries = new Counter();
    final Counter deliveryFailures = new Counter();
    final Counter deadLetters = new Counter();
    final Counter incidentsOpened = new Counter();
    final Counter incidentsClosed = new Counter();
}
