package io.cpra.core;

import io.cpra.core.plugin.PluginEntry;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.plugin.api.ConfigKey;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the plugin registry as an aligned table for {@code cpra plugins}, and one type's
 * config keys for {@code cpra plugins TYPE}.
 */
final class PluginTable {

    private static final String[] HEADER = {"FAMILY", "TYPE", "VERSION", "MODULE", "LOCATION", "DESCRIPTION"};
    private static final String[] KEY_HEADER = {"KEY", "TYPE", "DEFAULT", "ROLES", "DESCRIPTION"};

    private PluginTable() {
    }

    static void print(PluginRegistry registry, Path home, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PluginEntry entry : registry.entries()) {
            Path location = entry.location().toAbsolutePath().normalize();
            rows.add(new String[] {
                    entry.family().label(),
                    entry.type(),
                    entry.version(),
                    entry.module(),
                    location.startsWith(home) ? home.relativize(location).toString() : location.toString(),
                    entry.descriptor().description()});
        }
        aligned(rows, out);
        if (registry.entries().isEmpty()) {
            out.println("(no plugins installed)");
        }
    }

    /**
     * Prints the config keys of every family's plugin of one type.
     *
     * @return false, with a message naming the installed types, when no plugin has the type
     */
    static boolean printKeys(PluginRegistry registry, String type, PrintStream out, PrintStream err) {
        List<PluginEntry> matching = registry.entries().stream().filter(e -> e.type().equals(type)).toList();
        if (matching.isEmpty()) {
            err.println("cpra plugins: no plugin of type \"" + type + "\" is installed; installed types: "
                    + registry.entries().stream().map(PluginEntry::type).distinct().sorted().toList());
            return false;
        }
        for (PluginEntry entry : matching) {
            out.println(entry.family().label() + " " + entry.type() + ": " + entry.descriptor().description());
            List<String[]> rows = new ArrayList<>();
            rows.add(KEY_HEADER);
            keys(entry.descriptor().keys(), "", rows);
            aligned(rows, out);
            out.println();
        }
        return true;
    }

    private static void keys(List<ConfigKey> keys, String prefix, List<String[]> rows) {
        for (ConfigKey key : keys) {
            rows.add(new String[] {
                    prefix + key.name(),
                    key.type().name().toLowerCase(java.util.Locale.ROOT),
                    key.required() ? "required" : key.defaultValue() == null ? "-" : key.defaultValue(),
                    key.roles().isEmpty() ? "-" : key.roles().stream()
                            .map(role -> role.name().toLowerCase(java.util.Locale.ROOT))
                            .collect(java.util.stream.Collectors.joining(",")),
                    key.description()});
            keys(key.children(), prefix + key.name() + ".", rows);
        }
    }

    private static void aligned(List<String[]> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
