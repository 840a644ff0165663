package io.cpra.core.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading one entry of the plugins folder produced: its types, or why it failed.
 *
 * @param location the jar or folder
 * @param entries  the types it provides; empty when it failed
 * @param failure  why it failed, or {@code null}
 */
record LoadedPlugin(Path location, List<PluginEntry> entries, PluginFailure failure) {

    static LoadedPlugin loaded(Path location, List<PluginEntry> entries) {
        return new LoadedPlugin(location, List.copyOf(entries), null);
    }

    static LoadedPlugin failed(Path location, String why) {
        return new LoadedPlugin(location, List.of(), new PluginFailure(location, "plugin " + location + ": " + why));
    }
}
