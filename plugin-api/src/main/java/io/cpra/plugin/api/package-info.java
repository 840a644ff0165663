/**
 * Service interfaces and values shared by cpra and its plugins.
 *
 * <h2>The three families</h2>
 * <ul>
 *   <li>{@link io.cpra.plugin.api.PulsePlugin} prepares a {@link io.cpra.plugin.api.PulseCheck}
 *       — a health check, named in a manifest by {@code pulse_check.type};</li>
 *   <li>{@link io.cpra.plugin.api.InterventionPlugin} prepares an
 *       {@link io.cpra.plugin.api.Intervention} — an automated remediation, named by
 *       {@code intervention.action};</li>
 *   <li>{@link io.cpra.plugin.api.CodePlugin} prepares a {@link io.cpra.plugin.api.Notifier}
 *       — delivery of colour-coded alerts, named by {@code codes.<colour>.notify}.</li>
 * </ul>
 *
 * <h2>Two phases</h2>
 * <p><b>Prepare</b> runs once per monitor when a manifest is loaded or a monitor is created:
 * the plugin reads its block through a {@link io.cpra.plugin.api.PluginConfig}, validates it
 * and returns a ready instance, or throws {@link io.cpra.plugin.api.ConfigException} naming
 * the key at fault. The platform has already rejected unknown keys and wrong value types
 * against the plugin's {@link io.cpra.plugin.api.PluginDescriptor}.
 *
 * <p><b>Call</b>: the ready instance has one blocking method that the platform runs on a
 * virtual thread, again and again, under a {@link io.cpra.plugin.api.Deadline}. Blocking I/O is
 * expected and cheap there. At the deadline the platform interrupts the thread; a call that
 * does not return soon after is abandoned and reported as timed out.
 *
 * <h2>Rules for every plugin</h2>
 * <ul>
 *   <li>Ready instances are shared and must be thread-safe: the platform may call one instance
 *       from several threads at once.</li>
 *   <li>Never start threads of your own and never block without a bound: use the deadline.</li>
 *   <li>Report failures as outcome values. An exception thrown from a call is caught by the
 *       platform and recorded as a failed outcome with the exception's message.</li>
 * </ul>
 */
package io.cpra.plugin.api;
