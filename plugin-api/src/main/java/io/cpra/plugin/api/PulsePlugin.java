package io.cpra.plugin.api;

/**
 * The service a pulse (health check) plugin provides. A manifest selects it by
 * {@code pulse_check.type} (or {@code pulse.type}) equal to {@link PluginDescriptor#type()}.
 *
 * <pre>{@code
 * module com.example.check {
 *     requires io.cpra.plugin.api;
 *     provides io.cpra.plugin.api.PulsePlugin with com.example.check.MyCheckPlugin;
 * }
 * }</pre>
 *
 * <p>Thread-safety and lifetime as described in {@link Plugin}.
 */
public interface PulsePlugin extends Plugin<PulseCheck> {
}
