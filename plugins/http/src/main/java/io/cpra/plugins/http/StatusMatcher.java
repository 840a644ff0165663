package io.cpra.plugins.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The set of HTTP status codes a monitor accepts, parsed once from {@code expected_status}.
 * Immutable; equal matchers are interned, so the common {@code 2xx} or {@code 200} exists once.
 *
 * <p>Accepted forms, alone, comma-separated or in a YAML list: a code ({@code 200}), a class
 * ({@code 2xx}), an inclusive range ({@code 200-299}). Codes run from 100 to 599.
 *
 * <p>Stored as a bit set over 100..599 (eight longs), so a match is one shift and mask.
 */
final class StatusMatcher {

    static final int LOWEST = 100;
    static final int HIGHEST = 599;

    /** The default when {@code expected_status} is absent: any success, as blackbox_exporter does. */
    static final StatusMatcher SUCCESS = parse(List.of("2xx"));

    private final long[] bits;
    private final String text;

    private StatusMatcher(long[] bits, String text) {
        this.bits = bits;
        this.text = text;
    }

    /**
     * Parses the rules.
     *
     * @param rules each a code, a class or a range; a rule may hold several, comma-separated
     * @return the matcher
     * @throws IllegalArgumentException when a rule is malformed or out of range; the message
     *                                  says which
     */
    static StatusMatcher parse(List<String> rules) {
        long[] bits = new long[(HIGHEST - LOWEST) / 64 + 1];
        List<String> texts = new ArrayList<>();
        for (String rule : rules) {
            for (String part : rule.split(",", -1)) {
                String item = part.strip().toLowerCase(Locale.ROOT);
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("empty status rule in \"" + rule + "\"");
                }
                int[] range = range(item);
                for (int code = range[0]; code <= range[1]; code++) {
                    int index = code - LOWEST;
                    bits[index >>> 6] |= 1L << index;
                }
                texts.add(item);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no status code given");
        }
        return new StatusMatcher(bits, String.join(", ", texts));
    }

    private static int[] range(String item) {
        if (item.length() == 3 && item.endsWith("xx")) {
            char digit = item.charAt(0);
            if (digit < '1' || digit > '5') {
                throw new IllegalArgumentException("\"" + item + "\" is not a status class; use 1xx to 5xx");
            }
            int low = (digit - '0') * 100;
            return new int[] {low, low + 99};
        }
        int dash = item.indexOf('-');
        if (dash > 0) {
            int low = code(item.substring(0, dash).strip(), item);
            int high = code(item.substring(dash + 1).strip(), item);
            if (low > high) {
                throw new IllegalArgumentException("range \"" + item + "\" runs backwards");
            }
            return new int[] {low, high};
        }
        int code = code(item, item);
        return new int[] {code, code};
    }

    private static int code(String digits, String item) {
        if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + item
                    + "\" is not a status rule; use a code (200), a class (2xx) or a range (200-299)");
        }
        int code = Integer.parseInt(digits);
        if (code < LOWEST || code > HIGHEST) {
            throw new IllegalArgumentException("status " + code + " is outside " + LOWEST + ".." + HIGHEST);
        }
        return code;
    }

    /** Whether the code is accepted. Codes outside 100..599 never are. */
    boolean matches(int code) {
        if (code < LOWEST || code > HIGHEST) {
            return false;
        }
        int index = code - LOWEST;
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    /** The rules as written, normalised, such as {@code "200, 3xx"}; for messages. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusMatcher that && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
