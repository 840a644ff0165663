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
    /** Intervention attempts that found their budget full and had to wait. */
    final Counter interventionsHeld = new Counter();
    /** Items (a command, a result, a timer, a step) that threw inside the engine's fault barrier. */
    final Counter faults = new Counter();
    /** Ticks in which results waited because the journal was congested. */
    final Counter journalStalls = new Counter();
    /** History buckets the history sink refused because it was behind. */
    final Counter historyDropped = new Counter();
}
