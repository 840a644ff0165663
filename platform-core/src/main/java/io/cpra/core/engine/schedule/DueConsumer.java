package io.cpra.core.engine.schedule;

/**
 * Receives the ids that {@link TimingWheel#advance} finds due, one call per id, in due order
 * at tick resolution. The id is no longer scheduled when this is called, so the consumer may
 * schedule it again (the usual fixed-rate step) or schedule and cancel any other id; ids it
 * schedules are not delivered by the same {@code advance} call.
 */
@FunctionalInterface
public interface DueConsumer {

    /**
     * One due id.
     *
     * @param id       the id that came due
     * @param dueNanos the due time it was scheduled for, on the caller's nano time line
     */
    void due(int id, long dueNanos);
}
