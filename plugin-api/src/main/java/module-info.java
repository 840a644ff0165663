/**
 * The cpra plugin API: everything a plugin author compiles against.
 *
 * <p>A plugin is a Java module that {@code provides} one or more of the three service
 * interfaces — {@link io.cpra.plugin.api.PulsePlugin}, {@link io.cpra.plugin.api.InterventionPlugin}
 * and {@link io.cpra.plugin.api.CodePlugin} — and is dropped into the distribution's
 * {@code plugins/} folder. This module depends on {@code java.base} only, so a plugin's
 * dependencies stay its own.
 */
module io.cpra.plugin.api {
    exports io.cpra.plugin.api;

    uses io.cpra.plugin.api.PulsePlugin;
    uses io.cpra.plugin.api.InterventionPlugin;
    uses io.cpra.plugin.api.CodePlugin;
}
