package io.cpra.core.manifest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random YAML against SnakeYAML: documents written inside the subset must be accepted and give
 * the same events; arbitrary line soup, mostly invalid or outside the subset, must either be
 * refused or give the same events (never accepted where SnakeYAML fails).
 */
class FastEventsPropertiesTest {

    private static final String[] BLOCK_PLAIN = {"a", "x y", "a:b", "a#b", "-1", "3.5", "true", "no", "~", "null",
        "é", "日本 語", "😀", "http://h:1/p?q=1&r=2", "a'b", "a\"b", "<<", "a[b]{c},d", "-x", "1s", "a  b", "x-y_z",
        "a - b", "a #"};
    private static final String[] FLOW_PLAIN = {"a", "x y", "a#b", "-1", "true", "é", "a'b", "a\"b", "1s", "😀",
        "a - b", "a&b", "a*b"};
    private static final String[] QUOTED = {"'it''s'", "''", "' a '", "'a: b'", "'# x'", "'\"'", "\"a \\\" b\"",
        "\"\\n\\t\\r\\\\\"", "\"\"", "\"a: b\"", "\"#\"", "\"'\"", "\"é 😀\"", "\"- x\"", "\"[a]\""};
    private static final String[] KEYS = {"name", "a", "b", "c", "key with spaces", "<<", "ключ", "x-y", "1",
        "true", "\"quoted key\"", "'single: key'", "\"a#b\"", "k.k", "a:b", "a#b"};

    @Property(tries = 400)
    void subsetDocumentsGiveSnakeYamlsEvents(@ForAll("documents") String yaml) {
        FastEventsTest.assertSameEvents(yaml);
    }

    @Property(tries = 3000)
    void soupIsRefusedOrGivesSnakeYamlsEvents(@ForAll("soup") String yaml) {
        List<String> fast = YamlEvents.fast(yaml);
        Statistics.label("accepted").collect(fast != null);
        assertThat(YamlEvents.fastFromFile(yaml, 8)).as("the same from a file:%n%s", yaml).isEqualTo(fast);
        if (fast == null) {
            return;
        }
        List<String> snake;
        try {
            snake = YamlEvents.snake(yaml);
        } catch (RuntimeException e) {
            throw new AssertionError("accepted, but SnakeYAML fails with " + e + " on:\n" + yaml, e);
        }
        assertThat(fast).as("events of%n%s", yaml).containsExactlyElementsOf(snake);
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.longs().map(seed -> new Writer(new Random(seed)).document());
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> token = Arbitraries.of("- ", "- ", "-", "k: ", "k: ", "j:", "a", "b c", "'q'", "\"d\"",
                "\"e\\\"\"", "[a, b]", "{k: v}", "[", "]", "{", "}", ",", ", ", "&x ", "*x", "*x ", "# c", " #c", ":",
                ": ", " ", "  ", "?", "|", "!t ", "é", "'", "\"", "\\", "---", "...", "<<: ", "x:y", "{a: [b, {c: d}]}",
                "[]", "{}", "%", "@", "1");
        Arbitrary<String> indent = Arbitraries.of("", "", " ", "  ", "  ", "    ", "   ");
        Arbitrary<String> line = indent.flatMap(i -> token.list().ofMinSize(0).ofMaxSize(4)
                .map(ts -> i + String.join("", ts)));
        return line.list().ofMinSize(1).ofMaxSize(8).flatMap(lines -> Arbitraries.of("\n", "\r\n")
                .map(nl -> String.join(nl, lines) + nl));
    }

    /** Writes a random document inside the subset. */
    private static final class Writer {
        private final Random r;
        private final StringBuilder out = new StringBuilder();

        Writer(Random r) {
            this.r = r;
        }

        String document() {
            if (r.nextInt(5) == 0) {
                out.append("# leading comment\n");
            }
            if (r.nextInt(6) == 0) {
                out.append("---\n");
            }
            if (r.nextInt(4) == 0) {
                seq(0, false, 0);
            } else {
                map(r.nextInt(4) == 0 ? 2 : 0, false, 0);
            }
            String text = out.toString();
            return r.nextInt(5) == 0 ? text.replace("\n", "\r\n") : text;
        }

        private String pick(String[] from) {
            return from[r.nextInt(from.length)];
        }

        private String spaces(int n) {
            return " ".repeat(n);
        }

        private void endLine() {
            switch (r.nextInt(12)) {
                case 0 -> out.append("  # note: a, b");
                case 1 -> out.append("   ");
                default -> { }
            }
            out.append('\n');
            if (r.nextInt(15) == 0) {
                out.append(r.nextBoolean() ? "\n" : spaces(r.nextInt(6)) + "# between\n");
            }
        }

        /** A block map at {@code indent}; its first key already positioned when {@code inline}. */
        private void map(int indent, boolean inline, int depth) {
            int entries = 1 + r.nextInt(depth > 3 ? 2 : 4);
            for (int i = 0; i < entries; i++) {
                if (i > 0 || !inline) {
                    out.append(spaces(indent));
                }
                out.append(pick(KEYS)).append(':');
                value(indent, depth, true);
            }
        }

        /** A block list at {@code indent}; its first dash already positioned when {@code inline}. */
        private void seq(int indent, boolean inline, int depth) {
            int items = 1 + r.nextInt(depth > 3 ? 2 : 4);
            for (int i = 0; i < items; i++) {
                if (i > 0 || !inline) {
                    out.append(spaces(indent));
                }
                out.append('-');
                int kind = depth > 4 ? r.nextInt(3) : r.nextInt(8);
                switch (kind) {
                    case 0, 1, 2 -> leaf(kind);
                    case 3 -> {
                        int gap = 1 + r.nextInt(2);
                        out.append(spaces(gap));
                        map(indent + 1 + gap, true, depth + 1);
                    }
                    case 4 -> {
                        out.append(' ');
                        seq(indent + 2, true, depth + 1);
                    }
                    case 5 -> {
                        out.append(" *a").append(r.nextInt(3));
                        endLine();
                    }
                    case 6 -> {
                        out.append(" &a").append(r.nextInt(3));
                        endLine();
                        int inner = indent + 1 + r.nextInt(3);
                        if (r.nextBoolean()) {
                            map(inner, false, depth + 1);
                        } else {
                            seq(inner, false, depth + 1);
                        }
                    }
                    default -> {
                        out.append(' ').append(r.nextBoolean() ? "&a" + r.nextInt(3) + " " : "").append(inlineScalar());
                        endLine();
                    }
                }
            }
        }

        private void value(int indent, int depth, boolean mapValue) {
            int kind = depth > 4 ? r.nextInt(4) : r.nextInt(9);
            switch (kind) {
                case 0, 1, 2 -> leaf(kind);
                case 3 -> {
                    out.append(" *a").append(r.nextInt(3));
                    endLine();
                }
                case 4 -> {
                    out.append(" &a").append(r.nextInt(3)).append(' ')
                            .append(r.nextBoolean() ? inlineScalar() : flow(0));
                    endLine();
                }
                case 5 -> {
                    anchorMaybe();
                    endLine();
                    map(indent + 1 + r.nextInt(4), false, depth + 1);
                }
                case 6 -> {
                    anchorMaybe();
                    endLine();
                    seq(indent + 1 + r.nextInt(3), false, depth + 1);
                }
                default -> {
                    // a list at its key's own indentation
                    anchorMaybe();
                    endLine();
                    seq(indent, false, depth + 1);
                }
            }
        }

        /** After an item's dash or a key's colon: a scalar (0), a flow collection (1) or nothing (2). */
        private void leaf(int kind) {
            switch (kind) {
                case 0 -> out.append(' ').append(inlineScalar());
                case 1 -> out.append(' ').append(flow(0));
                default -> { }
            }
            endLine();
        }

        private void anchorMaybe() {
            if (r.nextInt(3) == 0) {
                out.append(" &a").append(r.nextInt(3));
            }
        }

        private String inlineScalar() {
            return r.nextInt(3) == 0 ? pick(QUOTED) : pick(BLOCK_PLAIN).strip();
        }

        private String flow(int level) {
            boolean map = r.nextBoolean();
            int n = r.nextInt(level > 2 ? 2 : 4);
            StringBuilder s = new StringBuilder(map ? "{" : "[");
            if (r.nextBoolean()) {
                s.append(' ');
            }
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    s.append(r.nextBoolean() ? ", " : " ,  ");
                }
                if (map) {
                    s.append(r.nextInt(3) == 0 ? pick(QUOTED) : pick(FLOW_PLAIN)).append(": ");
                }
                int kind = level > 2 ? r.nextInt(3) : r.nextInt(5);
                switch (kind) {
                    case 0 -> s.append(pick(FLOW_PLAIN));
                    case 1 -> s.append(pick(QUOTED));
                    case 2 -> s.append("*a").append(r.nextInt(3));
                    default -> s.append(flow(level + 1));
                }
            }
            if (n > 0 && r.nextBoolean()) {
                s.append(' ');
            }
            return s.append(map ? "}" : "]").toString();
        }
    }
}
