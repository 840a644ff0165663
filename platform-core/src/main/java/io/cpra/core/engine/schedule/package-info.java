/**
 * When each monitor is due: a hierarchical {@link io.cpra.core.engine.schedule.TimingWheel} of
 * entity ids that the engine advances once per tick, and the
 * {@link io.cpra.core.engine.schedule.FixedRate} arithmetic that spreads first checks and steps
 * from one due time to the next without drift. Engine thread only; no thread, no clock.
 */
package io.cpra.core.engine.schedule;
