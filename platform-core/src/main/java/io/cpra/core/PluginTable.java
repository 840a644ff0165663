package io.cpra.core;

import io.cpra.core.plugin.PluginEntry;
import io.cpra.core.plugin.PluginRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the plugin registry as an aligned table for {@code cpra plugins}.
 */
final class PluginTable {

    private static final String[] HEADER = {"FAMILY", "TYPE", "VERSION", "MODULE", "LOCATION", "DESCRIPTION"};

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
        int[] widths = new int[HEADER.length];
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
        if (registry.entries().isEmpty()) {
            out.println("(no plugins installed)");
        }
    }
}
