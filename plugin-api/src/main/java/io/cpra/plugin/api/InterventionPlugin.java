package io.cpra.plugin.api;

/**
 * The service an intervention (automated remediation) plugin provides. A manifest selects it
 * by {@code intervention.action} equal to {@link PluginDescriptor#type()}; its block is the
 * intervention's {@code config} or {@code target} map.
 *
 * <p>Thread-safety and lifetime as described in {@link Plugin}.
 */
public interface InterventionPlugin extends Plugin<Intervention> {
}
