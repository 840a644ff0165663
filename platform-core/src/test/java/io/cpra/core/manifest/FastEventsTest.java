package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast reader gives SnakeYAML's events for every text it accepts, accepts the manifests
 * people write, and refuses what lies outside its subset, which SnakeYAML then reads as before.
 */
class FastEventsTest {

    static void assertSameEvents(String yaml) {
        List<String> fast = YamlEvents.fast(yaml);
        assertThat(fast).as("accepted by the fast reader:%n%s", yaml).isNotNull();
        List<String> snake = YamlEvents.snake(yaml);
        assertThat(fast).as("events of%n%s", yaml).containsExactlyElementsOf(snake);
        // from a file, through a window far smaller than a line, so that it is moved and grown
        assertThat(YamlEvents.fastFromFile(yaml, 4)).as("events from a file of%n%s", yaml)
                .containsExactlyElementsOf(snake);
    }

    @Test
    void aFileThatChangesBetweenCheckAndReadEndsInAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.yaml");
        String yaml = GeneratedManifest.write(20);
        Files.writeString(file, yaml);
        FastEvents events = SubsetCheck.file(file, "m.yaml", ManifestLimits.DEFAULTS);
        assertThat(events).isNotNull();
        Files.writeString(file, yaml.replace("interval: 10s", "interval: 20s"));
        try (events) {
            assertThatThrownBy(() -> {
                while (events.next().getEventId() != org.snakeyaml.engine.v2.events.Event.ID.StreamEnd) {
                    // drain
                }
            }).hasMessageContaining("changed while it was read");
        }
        Files.writeString(file, yaml);
        FastEvents again = SubsetCheck.file(file, "m.yaml", ManifestLimits.DEFAULTS);
        Files.writeString(file, yaml + "  - name: one-more\n");
        try (again) {
            assertThatThrownBy(() -> {
                while (again.next().getEventId() != org.snakeyaml.engine.v2.events.Event.ID.StreamEnd) {
                    // drain
                }
            }).hasMessageContaining("changed while it was read");
        }
    }

    @Test
    void compatManifest() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("cpra-manifest.yaml")) {
            assertSameEvents(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void distributionManifest() throws IOException {
        Path bundled = Path.of("..", "distribution", "src", "main", "dist", "conf", "monitors.yaml");
        assertThat(bundled).exists();
        assertSameEvents(Files.readString(bundled));
    }

    @Test
    void everyYamlTestResource() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src", "test", "resources"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertSameEvents(Files.readString(file));
        }
    }

    @Test
    void generatedManifestLikeTheBenchmarks() {
        String yaml = GeneratedManifest.write(3_000);
        assertSameEvents(yaml);
        assertSameEvents(yaml.replace("\n", "\r\n"));
    }

    @Test
    void generatedManifestLoadsTheSameThroughBothReaders(@TempDir Path dir) throws IOException {
        String yaml = GeneratedManifest.write(500);
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, yaml);
        assertThat(SubsetCheck.file(file, "m.yaml", ManifestLimits.DEFAULTS)).isNotNull();
        assertSameLoad(yaml, file);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: 1",
        "a: 1\n",
        "  a: 1\n  b: 2\n",
        "---\na: 1\n",
        "# lead\n\n---\na: 1\n",
        "a:\nb:\n",
        "a:\n",
        "a: \n  # comment only\nb: x #c\n",
        "a:\n- x\n- y\nb: 2\n",
        "a:\n-\n- \n-  # c\nb:\n",
        "- a\n- - b\n  - - c\n    -\n- k: v\n  k2: v2\n-   k3: v3\n    k4:\n",
        "- k:\n  - x\n  k2: y\n",
        "- k:\n    - x\n",
        "a: &x\n  b: 1\nc: *x\nd:\n  <<: *x\n  e: 2\n",
        "a: &x 1\nb: &y [1, 2]\nc: &z {k: v}\nd: &w\n- 1\ne: &v\n  - 2\n",
        "a: [*x, *y]\nb: {k: *x}\nc: [ ]\nd: {}\ne: [[], [a, [b]], {k: [1]}]\n",
        "- &a\n  k: v\n- &b\n  - x\n- *a\n",
        "a: 'it''s'\nb: \"q \\\" \\\\ \\n \\t \\r end\"\nc: ''\nd: \"\"\n\"e\": 1\n'f': 2\n",
        "a: x:y\nb: a#b\nc: a # b\nd: http://h:80/p?q=1&r=2\ne: -1\nf: -x\ng: ~\nh: a  b  \n",
        "a: [a b, 'c d', \"e, f\", -1, x#y, it's]\n",
        "a: {type: tcp, interval: 1s, config: {host: 127.0.0.1, port: 1}}\n",
        "a: [b]   # comment\nb: {c: d} #c\nc: 'x' #c\nd: *x #c\n",
        "ключ: значение\nb: \"äöü\"\nc: [日本, '語']\nd: 😀 x\ne: é: no\n",
        "a: é\n  # comment\nb:\n  é: 1\n  f: [ä, b]\n",
        "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\n",
        "a: 1   \n\n   \nb: 2\t\n",
        "a: a[b]{c},d\nb: <<\n<<: {k: v}\nc: yes\nd: null\ne: 0x1F\n",
        "monitors:\n  - name: m\n    pulse: {type: tcp, interval: 1s, config: {host: 127.0.0.1, port: 1}}\n",
        "a:\n  - b:\n      - c\n    d: e\n",
        "a: -\n",
    })
    void examples(String yaml) {
        if (yaml.equals("a: -\n") || yaml.contains("\t") || yaml.contains("e: é: no")) {
            // outside the subset on purpose: SnakeYAML reports or reads these itself
            assertThat(YamlEvents.fast(yaml)).isNull();
            return;
        }
        assertSameEvents(yaml);
    }

    /** Each is outside the subset; most are valid YAML and still load through the reader. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\uFEFFmonitors: []\n",
        "monitors:\n\t- x\n",
        "monitors: !!seq []\n",
        "monitors: !custom []\n",
        "%YAML 1.2\n---\nmonitors: []\n",
        "monitors: []\n---\nmonitors: []\n",
        "monitors: []\n...\n",
        "monitors: |\n  text\n",
        "monitors: >\n  text\n",
        "? monitors\n: []\n",
        "monitors: [a,\n  b]\n",
        "monitors: {a: b,\n  c: d}\n",
        "monitors: 'multi\n  line'\n",
        "monitors: \"multi\n  line\"\n",
        "monitors:\n  plain\n  continued\n",
        "monitors: x\n  continued\n",
        "monitors: \"\\u0041\"\n",
        "monitors: \"\\x41\"\n",
        "monitors: [a, b, ]\n",
        "monitors: {a}\n",
        "monitors: {a: }\n",
        "monitors: [a: b]\n",
        "monitors: [&a x, *a]\n",
        "&a monitors: []\n",
        "monitors : []\n",
        "\"monitors\" : []\n",
        "monitors: ::1\n",
        "monitors: ?x\n",
        "monitors: @x\n",
        "monitors: `x`\n",
        "monitors: &a\n",
        "monitors: &a *b\n",
        "monitors: - x\n",
        "monitors: a: b\n",
        "monitors:\n - a\n  - b\n",
        "monitors:\n  - a\n - b\n",
        "monitors:\n  a: 1\n   b: 2\n",
        "monitors: [a]]\n",
        "monitors: [a] x\n",
        "monitors: 'a'b\n",
        "monitors: x\rmore\n",
        "monitors: x\u0085\n",
        "monitors: x\u2028y\n",
        "monitors: \u0007\n",
        "",
        "# only a comment\n",
        "---\n",
        "--- monitors: []\n",
        "monitors: []\n--- # c\n",
        "- a\nb: 1\n",
        "a: 1\n- b\n",
    })
    void refused(String yaml, @TempDir Path dir) throws IOException {
        assertThat(YamlEvents.fast(yaml)).as("refused:%n%s", yaml).isNull();
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, yaml);
        assertThat(SubsetCheck.file(file, "m.yaml", ManifestLimits.DEFAULTS)).isNull();
        assertSameLoad(yaml, file);
    }

    @Test
    void textsNearTheSizeLimitsGoToSnakeYaml(@TempDir Path dir) throws IOException {
        String yaml = GeneratedManifest.write(3);
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, yaml);
        int size = yaml.getBytes(StandardCharsets.UTF_8).length;
        assertThat(SubsetCheck.file(file, "m", ManifestLimits.DEFAULTS.withMaxCodePoints(size))).isNull();
        assertThat(SubsetCheck.file(file, "m", ManifestLimits.DEFAULTS.withMaxBytes(size))).isNull();
        assertThat(SubsetCheck.string(yaml, "m", ManifestLimits.DEFAULTS.withMaxCodePoints(size))).isNull();
        assertThat(SubsetCheck.file(file, "m", ManifestLimits.DEFAULTS)).isNotNull();
        ManifestLimits small = ManifestLimits.DEFAULTS.withMaxCodePoints(size / 2);
        ManifestResult viaFile = ManifestReader.builder(TestCatalog.CATALOG).limits(small).build()
                .read(file, m -> { });
        ManifestResult viaReader = ManifestReader.builder(TestCatalog.CATALOG).limits(small).build()
                .read("m", new StringReader(yaml), m -> { });
        assertThat(viaFile.ok()).isFalse();
        assertThat(viaFile.errors().toString().replace(file.toString(), "m"))
                .isEqualTo(viaReader.errors().toString());
    }

    @Test
    void aConsumerThatThrowsEndsAFastReadAndLeavesNoThread(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, GeneratedManifest.write(5_000));
        ManifestReader reader = ManifestReader.create(TestCatalog.CATALOG);
        assertThatThrownBy(() -> reader.read(file, m -> {
            if (m.index() == 10) {
                throw new IllegalStateException("staging is full");
            }
        })).hasMessage("staging is full");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("cpra-manifest-parser", "cpra-manifest-check");
    }

    @Test
    void anInterruptedFastReadSaysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, GeneratedManifest.write(3_000));
        Thread.currentThread().interrupt();
        ManifestResult result;
        try {
            result = ManifestReader.create(TestCatalog.CATALOG).read(file, m -> { });
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(result.errors()).extracting(ManifestError::message).contains("reading was interrupted");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("cpra-manifest-parser", "cpra-manifest-check");
    }

    /**
     * A file and a string load exactly as SnakeYAML reading characters does: the same errors, in
     * the same places, and the same monitors.
     */
    static void assertSameLoad(String yaml, Path file) {
        for (boolean pipelined : new boolean[] {true, false}) {
            ManifestReader reader = ManifestReader.builder(TestCatalog.CATALOG).pipelined(pipelined).build();
            List<String> expected = new ArrayList<>();
            ManifestResult snake = reader.read("m.yaml", new StringReader(yaml), m -> expected.add(describe(m)));
            List<String> fromFile = new ArrayList<>();
            ManifestResult viaFile = reader.read(file, m -> fromFile.add(describe(m)));
            List<String> fromString = new ArrayList<>();
            ManifestResult viaString = reader.readString("m.yaml", yaml, m -> fromString.add(describe(m)));
            assertThat(fromFile).isEqualTo(expected);
            assertThat(fromString).isEqualTo(expected);
            assertThat(viaString.errors()).isEqualTo(snake.errors());
            assertThat(viaFile.errors().toString().replace(file.toString(), "m.yaml"))
                    .isEqualTo(snake.errors().toString());
            assertThat(viaFile.monitors()).isEqualTo(snake.monitors());
            assertThat(viaString.monitors()).isEqualTo(snake.monitors());
        }
    }

    private static String describe(MonitorDefinition m) {
        return m.index() + " " + m.name() + " " + m.enabled() + " " + m.groups() + " " + m.pulse().type() + " "
                + m.pulse().interval() + " " + m.pulse().config() + " " + m.codes().keySet();
    }
}
