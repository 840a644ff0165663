package io.cpra.plugin.api;

/**
 * The service a code (notifier) plugin provides. A manifest selects it by
 * {@code codes.<colour>.notify} equal to {@link PluginDescriptor#type()}; its block is that
 * colour's {@code config} map.
 *
 * <p>Thread-safety and lifetime as described in {@link Plugin}.
 */
public interface CodePlugin extends Plugin<Notifier> {
}
