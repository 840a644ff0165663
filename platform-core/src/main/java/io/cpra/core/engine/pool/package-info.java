/**
 * Worker pools: one per pipeline (pulse, intervention, code), running plugin calls on virtual
 * threads under a concurrency limit that adapts to what the calls are.
 *
 * <h2>What the limit must get right</h2>
 * <p>Checks are mostly waiting on the network. A slow target needs <em>more</em> calls in
 * flight (Little's law: calls in flight = arrival rate × time in system, so 3,000 checks a
 * second that wait 2 s each need 6,000); a saturated local CPU needs <em>fewer</em> (more calls
 * only queue for the same carriers, stretch every call, and by Little's law ask for still more:
 * the spiral that collapses a box). A limit tuned on latency alone cannot tell the two apart,
 * so the model keeps the signals apart:
 *
 * <table>
 *   <caption>Signals</caption>
 *   <tr><th>signal</th><th>measured by</th><th>meaning</th></tr>
 *   <tr><td>demand</td><td>the engine, from the schedule: {@code a = Σ λ_d · W_d} over the
 *       destinations of the due checks ({@link io.cpra.core.engine.pool.WorkerPool#demand})</td>
 *       <td>calls in flight needed to keep up; never censored by what the pool managed to take</td></tr>
 *   <tr><td>scheduling lag</td><td>{@link io.cpra.core.engine.pool.LocalPressure}: how long a ready
 *       virtual thread waits for a carrier</td><td>local CPU pressure; unmoved by slow targets</td></tr>
 *   <tr><td>GC share, heap share</td><td>the JVM's management beans</td><td>memory pressure</td></tr>
 *   <tr><td>free file descriptors, free heap</td><td>the same</td><td>room for more calls</td></tr>
 * </table>
 *
 * <h2>The model</h2>
 * <p>Every window (a second) {@link io.cpra.core.engine.pool.ConcurrencyModel} computes
 * <pre>
 *   need  = ⌈a + 2√a⌉ + 1                      square-root staffing (Allen–Cunneen when a is unknown)
 *   room  = calls the free descriptors and heap allow, with reserves
 *   pressed (lag p99 ≥ 20 ms, GC ≥ 25 %, heap ≥ 90 %)  →  limit × ¾ of what was in use
 *   between (lag p99 5–20 ms ...)                      →  hold
 *   calm                                                →  toward min(need, room): up ×4 a window
 *                                                          (only when used), down ¼ a window
 * </pre>
 * The formulas and the reason for each guard are on {@link io.cpra.core.engine.pool.ConcurrencyModel};
 * its tests drive it with synthetic windows and replay the two failures seen against real
 * targets — slow targets starving the pool, and a busy CPU spiralling — in closed loops.
 *
 * <h2>Per destination</h2>
 * <p>The pool's limit is one number; the engine divides it when it is short. Each check names
 * its destination ({@code host:port}); while the pool cannot give every destination what it
 * asks, a destination that keeps a call or more in flight gets a max-min fair share and its
 * checks beyond it wait with it, starved monitors first (the engine's {@code Destinations}).
 * Since local pressure holds the limit down before latency can inflate it, a healthy target's
 * concurrency stays at what its rate times its answer time needs — tens of calls for thousands
 * of checks a second — within the connections an HTTP client keeps alive per endpoint, so
 * connections are reused rather than churned.
 *
 * <h2>Honest accounting</h2>
 * <p>Lateness is measured when a call starts ({@link io.cpra.core.engine.pool.LatenessHistogram});
 * what has not started yet is the engine's to report: the oldest due check still waiting, and
 * the monitors overdue by more than an interval.
 */
package io.cpra.core.engine.pool;
