package io.cpra.plugins.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers of a monitor, parsed once. Immutable; equality covers the canonical
 * {@code Name: value} lines, so identical header sets (the same {@code Accept}, the same
 * token on many monitors) are interned and shared.
 */
final class HeaderList {

    static final HeaderList EMPTY = new HeaderList(List.of());

    /** A malformed entry: {@link #where} names it relative to the block, such as {@code headers[1]}. */
    static final class Malformed extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        final String where;

        Malformed(String where, String reason) {
            super(reason);
            this.where = where;
        }
    }

    private final List<String> lines;
    private final Header[] headers;

    private HeaderList(List<String> lines) {
        this.lines = List.copyOf(lines);
        // A name written twice becomes one header with two values; a request sets each header
        // once, so separate entries would overwrite each other.
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String line : this.lines) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String key = name.toLowerCase(Locale.ROOT);
            names.putIfAbsent(key, name);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(colon + 2));
        }
        this.headers = new Header[values.size()];
        int i = 0;
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            headers[i++] = HeaderValues.create(names.get(entry.getKey()), entry.getValue());
        }
    }

    /**
     * Reads headers as CPRA wrote them, a list of {@code "Name: value"} strings, or as a map
     * of name to value.
     *
     * @param raw a {@code List} of strings or a {@code Map}; null for none
     * @param key the config key, for messages
     * @return the headers
     * @throws Malformed when an entry is malformed; it names the entry as {@code key[index]}
     *                   or {@code key.name}
     */
    static HeaderList parse(Object raw, String key) {
        if (raw == null) {
            return EMPTY;
        }
        List<String> lines = new ArrayList<>();
        if (raw instanceof String one) {
            // CPRA's StringList: one "Name: value" string stands for a list of one
            lines.add(entry(one, key));
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String where = key + "[" + i + "]";
                if (!(item instanceof String line)) {
                    throw new Malformed(where, "expected a \"Name: value\" string, got " + item);
                }
                lines.add(entry(line, where));
            }
        } else if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                String where = key + "." + name;
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw new Malformed(where, "expected a text value");
                }
                lines.add(line(name.strip(), value == null ? "" : String.valueOf(value).strip(), where));
            }
        } else {
            throw new Malformed(key, "expected a list of \"Name: value\" strings or a map of names to values");
        }
        return new HeaderList(lines);
    }

    private static String entry(String line, String where) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new Malformed(where, "expected \"Name: value\", got \"" + line + "\"");
        }
        return line(line.substring(0, colon).strip(), line.substring(colon + 1).strip(), where);
    }

    private static String line(String name, String value, String where) {
        if (name.isEmpty() || !name.chars().allMatch(HeaderList::isTokenChar)) {
            throw new Malformed(where, "\"" + name + "\" is not a valid header name");
        }
        if (FRAMING.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new Malformed(where, "the client sets " + name + " itself; it cannot be given here");
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F))) {
            throw new Malformed(where, "a header value must not contain line breaks, NUL or other control characters");
        }
        return name + ": " + value;
    }

    /** Headers that frame the message, lower case: the client sets them, config never does. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("host", "content-length",
            "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    // RFC 9110 token characters
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** This list with one more header appended. */
    HeaderList with(String name, String value) {
        List<String> more = new ArrayList<>(lines);
        more.add(line(name, value, name));
        return new HeaderList(more);
    }

    /** Whether a header of this name is present, ignoring case. */
    boolean has(String name) {
        for (String line : lines) {
            if (line.regionMatches(true, 0, name, 0, name.length()) && line.charAt(name.length()) == ':') {
                return true;
            }
        }
        return false;
    }

    /** The Helidon headers, built once; callers must not modify the array. */
    Header[] headers() {
        return headers;
    }

    /** The canonical lines, such as {@code Accept: application/json}. */
    List<String> lines() {
        return lines;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderList that && lines.equals(that.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
