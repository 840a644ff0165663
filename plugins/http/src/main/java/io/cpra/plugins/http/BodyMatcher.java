package io.cpra.plugins.http;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the response body must and must not hold: texts that must all appear, texts that must
 * not appear, and a regular expression that must match somewhere. Immutable; equality covers
 * the rules as written (the compiled pattern is derived), so equal matchers can be interned.
 */
final class BodyMatcher {

    static final BodyMatcher NONE = new BodyMatcher(List.of(), List.of(), null);

    private final List<String> contains;
    private final List<String> notContains;
    private final String regex;
    private final Pattern pattern;

    /**
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid pattern
     */
    BodyMatcher(List<String> contains, List<String> notContains, String regex) {
        this.contains = List.copyOf(contains);
        this.notContains = List.copyOf(notContains);
        this.regex = regex;
        this.pattern = regex == null ? null : Pattern.compile(regex);
    }

    /** Whether any rule needs the body; without rules the body is drained, not kept. */
    boolean needsBody() {
        return !contains.isEmpty() || !notContains.isEmpty() || pattern != null;
    }

    /**
     * Checks a body.
     *
     * @param body the response body, possibly cut at the read limit
     * @return null when every rule holds, otherwise why not, for the outcome's message
     */
    String mismatch(String body) {
        for (String text : contains) {
            if (!body.contains(text)) {
                return "body does not contain \"" + text + "\"";
            }
        }
        for (String text : notContains) {
            if (body.contains(text)) {
                return "body contains \"" + text + "\"";
            }
        }
        if (pattern != null && !pattern.matcher(body).find()) {
            return "body does not match /" + regex + "/";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BodyMatcher that
                && contains.equals(that.contains)
                && notContains.equals(that.notContains)
                && Objects.equals(regex, that.regex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contains, notContains, regex);
    }
}
