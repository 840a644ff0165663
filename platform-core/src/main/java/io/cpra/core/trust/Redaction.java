package io.cpra.core.trust;

import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.ValueType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets out of sight: the values of keys a plugin's descriptor marks {@link KeyRole#SECRET}
 * are shown as {@value #MASK} wherever the API shows a definition, and a definition read back
 * and sent again keeps the stored secret where the mask comes back. A secret map (such as
 * {@code headers}) keeps its names and masks each value; a secret list masks each item, a
 * {@code "Name: value"} item as {@code "Name: ***"}. The {@code <key>_env} and
 * {@code <key>_file} keys are shown as written: they name where the secret is, not what it is.
 * No instances; pure functions of their arguments.
 */
public final class Redaction {

    /** What a secret value is shown as. */
    public static final String MASK = "***";
    /** Secrets shorter than this are not searched for in messages: they would mask ordinary words. */
    static final int SHORTEST_SCRUBBED = 4;

    private Redaction() {
    }

    /**
     * A monitor with its secrets masked.
     *
     * @param monitor a monitor in manifest shape (normalised or as written)
     * @param catalog the installed plugins' descriptors
     * @return a copy with every secret value replaced by the mask
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redact(Map<String, Object> monitor, PluginCatalog catalog) {
        Map<String, Object> copy = (Map<String, Object>) Blocks.copy(monitor);
        for (Blocks.Block block : Blocks.of(copy)) {
            block.descriptor(catalog).ifPresent(d -> redact(block.config(), d.keys()));
        }
        return copy;
    }

    private static void redact(Map<String, Object> config, List<ConfigKey> declared) {
        Map<String, ConfigKey> byName = index(declared);
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            ConfigKey key = byName.get(entry.getKey());
            if (key == null || entry.getValue() == null) {
                continue;
            }
            if (key.has(KeyRole.SECRET)) {
                entry.setValue(mask(entry.getValue()));
            } else if (nests(key, entry.getValue())) {
                redact(asMap(entry.getValue()), key.children());
            }
        }
    }

    /**
     * A monitor sent to replace a stored one, with each mask put back to the stored secret it
     * stands for: a secret whose value equals the stored one's masked form keeps the stored
     * value. Blocks are matched by what they are for (pulse, intervention, a code's colour) and
     * only when the plugin type is unchanged.
     *
     * @param incoming the body sent
     * @param stored   the stored definition, unmasked
     * @param catalog  the installed plugins' descriptors
     * @return a copy of the body with the stored secrets restored
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> restore(Map<String, Object> incoming, Map<String, Object> stored,
                                              PluginCatalog catalog) {
        Map<String, Object> copy = (Map<String, Object>) Blocks.copy(incoming);
        Map<String, Blocks.Block> before = new LinkedHashMap<>();
        Blocks.of(stored).forEach(block -> before.put(block.slot(), block));
        for (Blocks.Block block : Blocks.of(copy)) {
            Blocks.Block old = before.get(block.slot());
            if (old != null && old.type().equals(block.type())) {
                block.descriptor(catalog).ifPresent(d -> restore(block.config(), old.config(), d.keys()));
            }
        }
        return copy;
    }

    private static void restore(Map<String, Object> config, Map<String, Object> stored, List<ConfigKey> declared) {
        Map<String, ConfigKey> byName = index(declared);
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            ConfigKey key = byName.get(entry.getKey());
            Object old = stored.get(entry.getKey());
            if (key == null || old == null || entry.getValue() == null) {
                continue;
            }
            if (key.has(KeyRole.SECRET)) {
                entry.setValue(restored(entry.getValue(), old));
            } else if (nests(key, entry.getValue()) && old instanceof Map<?, ?>) {
                restore(asMap(entry.getValue()), asMap(old), key.children());
            }
        }
    }

    private static Object restored(Object value, Object old) {
        if (value.equals(mask(old))) {
            return old;
        }
        if (value instanceof Map<?, ?> map && old instanceof Map<?, ?> oldMap) {
            Map<String, Object> merged = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object previous = oldMap.get(k);
                merged.put(String.valueOf(k), v == null || previous == null ? v : restored(v, previous));
            });
            return merged;
        }
        if (value instanceof List<?> list && old instanceof List<?> oldList && list.size() == oldList.size()) {
            List<Object> merged = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                Object o = oldList.get(i);
                merged.add(v == null || o == null ? v : v.equals(maskItem(o)) ? o : restored(v, o));
            }
            return merged;
        }
        return value;
    }

    /**
     * The key paths of a monitor that still hold the mask, once restored: a mask sent for a
     * secret that was never stored would otherwise become the secret.
     *
     * @param monitor a monitor in manifest shape
     * @param catalog the installed plugins' descriptors
     * @return key paths such as {@code codes.red.config.password}
     */
    public static List<String> masked(Map<String, Object> monitor, PluginCatalog catalog) {
        List<String> paths = new ArrayList<>();
        for (Blocks.Block block : Blocks.of(monitor)) {
            block.descriptor(catalog).ifPresent(d -> masked(block.path(), block.config(), d.keys(), paths));
        }
        return paths;
    }

    private static void masked(String path, Map<String, Object> config, List<ConfigKey> declared, List<String> paths) {
        Map<String, ConfigKey> byName = index(declared);
        config.forEach((name, value) -> {
            ConfigKey key = byName.get(name);
            if (key == null || value == null) {
                return;
            }
            if (key.has(KeyRole.SECRET) && holdsMask(value)) {
                paths.add(path + "." + name);
            } else if (nests(key, value)) {
                masked(path + "." + name, asMap(value), key.children(), paths);
            }
        });
    }

    private static boolean holdsMask(Object value) {
        return switch (value) {
            case String text -> text.equals(MASK) || text.endsWith(": " + MASK);
            case Map<?, ?> map -> map.values().stream().anyMatch(v -> v != null && holdsMask(v));
            case List<?> list -> list.stream().anyMatch(v -> v != null && holdsMask(v));
            default -> false;
        };
    }

    /**
     * The secret texts of a monitor, longest first, for {@link #scrub}.
     *
     * @param monitor a monitor in manifest shape
     * @param catalog the installed plugins' descriptors
     * @return the values, each at least {@value #SHORTEST_SCRUBBED} characters long
     */
    public static List<String> secrets(Map<String, Object> monitor, PluginCatalog catalog) {
        Set<String> found = new LinkedHashSet<>();
        for (Blocks.Block block : Blocks.of(monitor)) {
            block.descriptor(catalog).ifPresent(d -> secrets(block.config(), d.keys(), found));
        }
        return found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * The secret texts of one config block, longest first.
     *
     * @param config   the block
     * @param declared the plugin's keys
     * @return the values, each at least {@value #SHORTEST_SCRUBBED} characters long
     */
    public static List<String> secrets(Map<String, Object> config, List<ConfigKey> declared) {
        Set<String> found = new LinkedHashSet<>();
        secrets(config, declared, found);
        return found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static void secrets(Map<String, Object> config, List<ConfigKey> declared, Set<String> found) {
        Map<String, ConfigKey> byName = index(declared);
        config.forEach((name, value) -> {
            ConfigKey key = byName.get(name);
            if (key == null || value == null) {
                return;
            }
            if (key.has(KeyRole.SECRET)) {
                texts(value, found);
            } else if (nests(key, value)) {
                secrets(asMap(value), key.children(), found);
            }
        });
    }

    private static void texts(Object value, Set<String> found) {
        switch (value) {
            case Map<?, ?> map -> map.values().forEach(v -> {
                if (v != null) {
                    texts(v, found);
                }
            });
            case List<?> list -> list.forEach(v -> {
                if (v != null) {
                    texts(v, found);
                }
            });
            default -> {
                String text = String.valueOf(value).strip();
                int colon = text.indexOf(": ");
                if (value instanceof String && colon > 0) {
                    add(text.substring(colon + 2).strip(), found);  // the value of a "Name: value" header
                }
                int space = text.lastIndexOf(' ');
                if (space > 0) {
                    add(text.substring(space + 1), found);  // the token of "Bearer token", quoted alone
                }
                add(text, found);
            }
        }
    }

    private static void add(String text, Set<String> found) {
        if (text.length() >= SHORTEST_SCRUBBED) {
            found.add(text);
        }
    }

    /**
     * A message with every occurrence of the given secrets masked: for errors and logs that
     * may quote a value.
     *
     * @param message the message
     * @param secrets the secret texts, longest first
     * @return the message, masked
     */
    public static String scrub(String message, Collection<String> secrets) {
        String scrubbed = message;
        for (String secret : secrets) {
            if (scrubbed.contains(secret)) {
                scrubbed = scrubbed.replace(secret, MASK);
            }
        }
        return scrubbed;
    }

    /**
     * A secret's value as shown.
     *
     * @param value the value
     * @return the mask, or for a map or list the same shape with masked values
     */
    static Object mask(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> masked = new LinkedHashMap<>();
                map.forEach((k, v) -> masked.put(String.valueOf(k), v == null ? null : mask(v)));
                yield masked;
            }
            case List<?> list -> list.stream().map(v -> v == null ? null : maskItem(v)).toList();
            default -> MASK;
        };
    }

    private static Object maskItem(Object item) {
        if (item instanceof String text) {
            int colon = text.indexOf(':');
            // a "Name: value" header keeps its name, which is no secret and tells the reader what it is
            if (colon > 0 && text.substring(0, colon).chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                return text.substring(0, colon) + ": " + MASK;
            }
            return MASK;
        }
        return mask(item);
    }

    private static Map<String, ConfigKey> index(List<ConfigKey> declared) {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        declared.forEach(key -> byName.put(key.name(), key));
        return byName;
    }

    private static boolean nests(ConfigKey key, Object value) {
        return key.type() == ValueType.MAP && !key.children().isEmpty() && value instanceof Map<?, ?>;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
