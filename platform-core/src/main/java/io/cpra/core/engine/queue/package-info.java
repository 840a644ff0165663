/**
 * Lock-free bounded ring queues that carry references between the engine thread and the
 * threads around it: jobs out to the pools, results and commands back in.
 *
 * <p>The face is {@link io.cpra.core.engine.queue.RingQueue}; its static factories pick a
 * variant by the number of producer and consumer threads. Everything else here is
 * package-private.
 *
 * <h2>Access modes and how they are named</h2>
 *
 * Shared fields and array slots are read and written through {@link java.lang.invoke.VarHandle}s,
 * never through {@code volatile} declarations, so every access states the ordering it needs and
 * no more. Accessor methods carry a two-letter prefix naming that ordering:
 *
 * <table>
 *   <caption>Accessor prefixes</caption>
 *   <tr><th>prefix</th><th>mode</th><th>used when</th></tr>
 *   <tr><td>{@code lp} / {@code sp}</td><td>plain load / store</td>
 *       <td>the field is owned by the calling thread, or a later release store orders it</td></tr>
 *   <tr><td>{@code la}</td><td>load acquire ({@code getAcquire})</td>
 *       <td>reading what another thread published; later accesses cannot move above it</td></tr>
 *   <tr><td>{@code sr}</td><td>store release ({@code setRelease})</td>
 *       <td>publishing; earlier accesses cannot move below it. On x86 and with TSO it costs
 *       no fence, on ARM it is one {@code stlr}</td></tr>
 *   <tr><td>{@code lv}</td><td>load volatile ({@code getVolatile})</td>
 *       <td>an index read that must not be served from a stale value before a CAS or a
 *       consistent size snapshot</td></tr>
 *   <tr><td>{@code cas}</td><td>{@code compareAndSet} (volatile)</td>
 *       <td>claiming slots among several producers or several consumers</td></tr>
 * </table>
 *
 * Opaque mode is not used: each racy read here also has to carry the happens-before edge that
 * makes the element it guards visible, which opaque does not give.
 *
 * <h2>Shared layout</h2>
 *
 * Every variant keeps a producer index, a consumer index and one cache word per side in
 * {@code RingLayout}, each side on its own pair of cache lines (128 bytes of padding, which
 * also defeats the adjacent-line prefetcher), and pads both ends of the slot array so its
 * first and last slots share no line with another object. Indices are {@code long} and grow
 * forever; a slot is {@code index & mask}, so they never wrap in practice (2<sup>63</sup>
 * elements at 10<sup>9</sup>/s is three centuries).
 *
 * <h2>Single-side ownership</h2>
 *
 * A single-producer side may be used by any thread, one call at a time; handing it to another
 * thread needs a happens-before edge (a start, a join, a lock). With assertions on
 * ({@code -ea}), overlapping or re-entrant calls on a single side fail fast.
 */
package io.cpra.core.engine.queue;
