/**
 * One HTTP exchange with a receiver, shared by this module's plugins: where to send
 * ({@link io.cpra.plugins.webhook.delivery.HttpTarget}), the client that sends and classifies
 * the answer ({@link io.cpra.plugins.webhook.delivery.HttpSender}), and the reference-counted
 * registry that lets monitors with equal config share one prepared instance
 * ({@link io.cpra.plugins.webhook.delivery.Shared}).
 *
 * <p>Not exported: the faces are public for the module's other packages only.
 */
package io.cpra.plugins.webhook.delivery;
