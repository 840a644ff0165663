package io.cpra.core.trust;

import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.PluginDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin blocks of one monitor: its pulse, its intervention and each code, with the
 * plugin's type and config block. Read from a validated definition, or from a monitor as a
 * map in manifest shape (a request body, a stored or normalised definition) where the reader's
 * aliases may appear ({@code pulse_check} or {@code pulse}; {@code target} or {@code config}).
 * No instances.
 */
final class Blocks {

    /**
     * One plugin block.
     *
     * @param slot   what the block is for, the same whatever aliases were written:
     *               {@code pulse}, {@code intervention}, {@code codes.red}
     * @param family {@code pulse}, {@code intervention} or {@code code}
     * @param type   the plugin's type
     * @param path   the config block's key path as written, such as {@code pulse_check.config}
     * @param config the config block itself (not a copy)
     */
    record Block(String slot, String family, String type, String path, Map<String, Object> config) {

        /** The plugin's descriptor, when installed. */
        Optional<PluginDescriptor> descriptor(PluginCatalog catalog) {
            return switch (family) {
                case "pulse" -> catalog.pulse(type);
                case "intervention" -> catalog.intervention(type);
                default -> catalog.code(type);
            };
        }
    }

    private Blocks() {
    }

    static List<Block> of(MonitorDefinition d) {
        List<Block> blocks = new ArrayList<>();
        MonitorDefinition.Pulse pulse = d.pulse();
        blocks.add(new Block("pulse", "pulse", pulse.type(), pulse.configPath(), pulse.config()));
        d.intervention().ifPresent(i -> blocks.add(new Block("intervention", "intervention", i.type(), i.configPath(),
                i.config())));
        d.codes().forEach((colour, code) -> blocks.add(new Block("codes." + colour.key(), "code", code.type(),
                code.configPath(), code.config())));
        return blocks;
    }

    /** The blocks of a monitor map; parts of the wrong shape are left out (the reader reports them). */
    static List<Block> of(Map<String, Object> monitor) {
        List<Block> blocks = new ArrayList<>();
        for (String key : List.of("pulse_check", "pulse")) {
            if (monitor.get(key) instanceof Map<?, ?> pulse) {
                block(blocks, "pulse", "pulse", pulse.get("type"), key, pulse, "config");
                break;
            }
        }
        if (monitor.get("intervention") instanceof Map<?, ?> intervention) {
            String configKey = intervention.containsKey("config") && !intervention.containsKey("target") ? "config" : "target";
            block(blocks, "intervention", "intervention", intervention.get("action"), "intervention", intervention, configKey);
        }
        if (monitor.get("codes") instanceof Map<?, ?> codes) {
            for (Colour colour : Colour.values()) {
                if (codes.get(colour.key()) instanceof Map<?, ?> code) {
                    block(blocks, "codes." + colour.key(), "code", code.get("notify"), "codes." + colour.key(), code, "config");
                }
            }
        }
        return blocks;
    }

    @SuppressWarnings("unchecked")
    private static void block(List<Block> blocks, String slot, String family, Object type, String key, Map<?, ?> block,
                              String configKey) {
        if (type instanceof String name && block.get(configKey) instanceof Map<?, ?> config) {
            blocks.add(new Block(slot, family, name, key + "." + configKey, (Map<String, Object>) config));
        }
    }

    /**
     * A deep copy of plain values whose maps and lists may be changed.
     *
     * @param value maps, lists and scalars
     * @return the copy
     */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
