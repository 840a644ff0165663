package io.cpra.core.plugin;

import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PulsePlugin;

import java.util.Locale;

/**
 * The three plugin families, each with the service interface that discovers it and the
 * manifest key that selects one of its types.
 */
public enum PluginFamily {
    /** Health checks, selected by {@code pulse_check.type}. */
    PULSE(PulsePlugin.class, "pulse_check.type"),
    /** Remediations, selected by {@code intervention.action}. */
    INTERVENTION(InterventionPlugin.class, "intervention.action"),
    /** Notifiers, selected by {@code codes.<colour>.notify}. */
    CODE(CodePlugin.class, "codes.<colour>.notify");

    private final Class<? extends Plugin<?>> service;
    private final String manifestKey;

    @SuppressWarnings({"unchecked", "rawtypes"})
    PluginFamily(Class<? extends Plugin> service, String manifestKey) {
        this.service = (Class<? extends Plugin<?>>) service;
        this.manifestKey = manifestKey;
    }

    /**
     * The service interface providers of this family implement.
     *
     * @return for example {@code PulsePlugin.class}
     */
    public Class<? extends Plugin<?>> service() {
        return service;
    }

    /**
     * The manifest key whose value names a type of this family.
     *
     * @return for example {@code pulse_check.type}
     */
    public String manifestKey() {
        return manifestKey;
    }

    /**
     * The family's name as shown to users.
     *
     * @return {@code pulse}, {@code intervention} or {@code code}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
