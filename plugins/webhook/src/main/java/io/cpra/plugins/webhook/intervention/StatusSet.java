package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.PluginConfig;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses that count as success, written as single codes ({@code 204}), classes
 * ({@code 2xx}) or ranges ({@code 200-299}), alone or in a list. Immutable, with value equality.
 */
final class StatusSet {

    private static final Pattern CODE = Pattern.compile("([1-5]\\d\\d)");
    private static final Pattern CLASS = Pattern.compile("([1-5])xx");
    private static final Pattern RANGE = Pattern.compile("([1-5]\\d\\d)\\s*-\\s*([1-5]\\d\\d)");

    private final BitSet codes;
    private final String text;

    private StatusSet(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    /**
     * Parses the statuses under a key.
     *
     * @param config the block
     * @param key    the key, whose value is one entry or a list of entries
     * @param items  the entries as written
     * @return the set
     * @throws io.cpra.plugin.api.ConfigException naming the entry when one is malformed
     */
    static StatusSet parse(PluginConfig config, String key, List<String> items) {
        BitSet codes = new BitSet(600);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i).strip().toLowerCase(Locale.ROOT);
            Matcher matcher;
            if ((matcher = CODE.matcher(item)).matches()) {
                codes.set(Integer.parseInt(matcher.group(1)));
            } else if ((matcher = CLASS.matcher(item)).matches()) {
                int base = Integer.parseInt(matcher.group(1)) * 100;
                codes.set(base, base + 100);
            } else if ((matcher = RANGE.matcher(item)).matches()
                    && Integer.parseInt(matcher.group(1)) <= Integer.parseInt(matcher.group(2))) {
                codes.set(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) + 1);
            } else {
                String where = items.size() == 1 ? key : key + "[" + i + "]";
                throw config.error(where, "expected a status such as 200, a class such as 2xx or a range such as 200-299, got \""
                        + items.get(i) + "\"");
            }
        }
        return new StatusSet(codes, String.join(", ", items.stream().map(String::strip).toList()));
    }

    boolean contains(int status) {
        return status >= 0 && codes.get(status);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusSet that && codes.equals(that.codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
