package io.cpra.core.manifest;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid manifests with random byte and line edits: whatever the edit, reading gives a result
 * (never another exception), and every error points into the file: a line from 1 to one past
 * its last, a column of at least 1, or no line at all for a problem of the whole file.
 *
 * <p>200 edited manifests per run in the build; {@code -Dcpra.manifest.mutations=N} runs N more.
 */
class MutatedManifestPropertyTest {

    private static final List<byte[]> VALID = List.of(
            compat(),
            Manifests.BASE.getBytes(StandardCharsets.UTF_8),
            """
                    monitors:
                      - name: "db (primary) #1"
                        notify_groups: ops
                        groups: [a, b]
                        pulse_check: &p {type: tcp, interval: 5s, timeout: 2s, config: {host: h, port: 5432}}
                        intervention: {action: webhook, retries: 2, config: {url: http://x/}}
                        codes:
                          groups: [ops]
                          red: &red {notify: log, groups: pager, config: {file: r.log}}
                      - name: second
                        pulse: *p
                        codes: {red: *red, green: {notify: log, dispatch: no, config: {file: g.log}}}
                      - name: third
                        pulse_check:
                          type: http
                          interval: 10s
                          config:
                            url: |
                              http://127.0.0.1/health
                            headers: "Accept: text/plain"
                    """.getBytes(StandardCharsets.UTF_8));

    private static final byte[] NOISE = " \t\n\r:-[]{}&*!|>'\"#%@,?\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Property(tries = 200)
    void anEditedManifestGivesErrorsThatPointIntoIt(@ForAll long seed) throws IOException {
        check(seed);
    }

    @Example
    void moreEditsOnDemand() throws IOException {
        int more = Integer.getInteger("cpra.manifest.mutations", 0);
        Random seeds = new Random(Long.getLong("cpra.manifest.mutations.seed", System.nanoTime()));
        for (int i = 0; i < more; i++) {
            check(seeds.nextLong());
        }
    }

    private static void check(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] text = mutate(VALID.get(random.nextInt(VALID.size())), random);
        int lines = 1;
        for (byte b : text) {
            if (b == '\n' || b == '\r') {
                lines++;
            }
        }
        Path file = Files.createTempFile("mutated", ".yaml");
        try {
            Files.write(file, text);
            ManifestReader reader = ManifestReader.builder(TestCatalog.CATALOG)
                    .limits(ManifestLimits.DEFAULTS.withMaxScalarLength(4096)).build();
            List<ManifestResult> results = new ArrayList<>();
            results.add(reader.read(file, m -> { }));
            try (InputStream in = new ByteArrayInputStream(text)) {
                results.add(reader.read("m.yaml", in, m -> { }));
            }
            for (ManifestResult result : results) {
                for (ManifestError error : result.errors()) {
                    ManifestPosition at = error.position();
                    String why = "seed " + seed + ": " + error + "\n--- text ---\n"
                            + new String(text, StandardCharsets.UTF_8);
                    assertThat(at.line()).as(why).isBetween(0, lines + 1);
                    if (at.known()) {
                        assertThat(at.column()).as(why).isPositive();
                    }
                    assertThat(error.toString()).as(why).doesNotContain("Input length =").doesNotContain("Version{");
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        List<byte[]> lines = new ArrayList<>(splitLines(valid));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = random.nextInt(lines.size());
            byte[] line = lines.get(i);
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(random.nextInt(lines.size())).clone());
                case 2 -> {
                    int j = random.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 3 -> lines.set(i, insert(line, random, NOISE[random.nextInt(NOISE.length)]));
                case 4 -> lines.set(i, insert(line, random, (byte) random.nextInt(256)));
                case 5 -> lines.set(i, line.length == 0 ? line
                        : Arrays.copyOf(line, random.nextInt(line.length)));
                default -> lines.set(i, insert(line, random, (byte) ' '));
            }
        }
        int size = lines.stream().mapToInt(l -> l.length + 1).sum();
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, out, at, line.length);
            at += line.length;
            out[at++] = '\n';
        }
        return out;
    }

    private static byte[] insert(byte[] line, Random random, byte b) {
        int at = random.nextInt(line.length + 1);
        byte[] out = new byte[line.length + 1];
        System.arraycopy(line, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(line, at, out, at + 1, line.length - at);
        return out;
    }

    private static List<byte[]> splitLines(byte[] text) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                lines.add(Arrays.copyOfRange(text, start, i));
                start = i + 1;
            }
        }
        if (start < text.length) {
            lines.add(Arrays.copyOfRange(text, start, text.length));
        }
        return lines;
    }

    private static byte[] compat() {
        try (InputStream in = MutatedManifestPropertyTest.class.getResourceAsStream("cpra-manifest.yaml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
