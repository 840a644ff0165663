/**
 * The server's listener, made hard to knock over: its settings, TLS, and the guard that times
 * out and caps connections.
 *
 * <p>Helidon 4.3.0 leaves three gaps that one unauthenticated client can use:
 * <ul>
 *   <li>no read deadline on server connections: an idle, slow-header or slow-body connection is
 *       held for as long as the client likes (Helidon's idle sweep runs every two minutes and
 *       only once a request line has arrived);</li>
 *   <li>no cap on connections by default, and none per client address;</li>
 *   <li>an {@code accept} that fails (EMFILE, "Too many open files") ends the listener for good
 *       while the process lives on.</li>
 * </ul>
 * {@link io.cpra.core.listen.Listener} closes them: the {@code ConnectionGuard} is the only
 * HTTP/1.1 connection selector, so it sees every connection right after {@code accept}, counts
 * it against its client's cap and gives it deadlines that a sweeper thread enforces; the total
 * cap is Helidon's {@code maxTcpConnections}, bounded by the file descriptors the process may
 * open so that connections alone never exhaust them; and the {@code ListenerWatch} notices when
 * the listening socket is gone anyway, so the process can exit for its supervisor to restart it.
 *
 * <p>Time: the guard and its rule take a nano clock; tests drive it by hand or use short
 * deadlines against a real server on loopback.
 */
package io.cpra.core.listen;
