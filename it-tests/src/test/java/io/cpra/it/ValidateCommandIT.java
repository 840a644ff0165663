package io.cpra.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/cpra validate} on the assembled distribution with its bundled plugins: CPRA's
 * manifests as they are written pass; errors come all at once, in line order, each once, with
 * the place; an empty manifest warns and passes; files that are no manifest say why.
 */
class ValidateCommandIT {

    @TempDir
    Path temp;

    Distribution cpra;

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
    }

    private Distribution.Result validate(String name, byte[] content) throws Exception {
        Path file = temp.resolve(name);
        Files.write(file, content);
        return cpra.run("validate", file.toString());
    }

    private Distribution.Result validate(String name, String yaml) throws Exception {
        return validate(name, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cpraShapesPass() throws Exception {
        Distribution.Result result = validate("cpra.yaml", """
                monitors:
                  - name: "Service Health Check"
                    notify_groups: ops
                    groups: web
                    pulse_check:
                      type: http
                      interval: 30s
                      config:
                        url: http://127.0.0.1:9/health
                        auth: Bearer s3cr3t
                        headers: "Accept: application/json"
                    codes:
                      groups: [ops, dba]
                      red: {notify: log, groups: pager, config: {file: logs/alerts.log}}
                  - name: "db (primary) #1"
                    pulse_check: {type: tcp, interval: 10s, config: {host: 127.0.0.1, port: 5432}}
                """);

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("2 monitors");
    }

    @Test
    void everyIndependentErrorOnceInLineOrder() throws Exception {
        Distribution.Result result = validate("bad.yaml", """
                monitors:
                  - name: t
                    pulse_check:
                      type: tcp
                      interval: 0s
                      config: {host: h, port: 70000}
                  - name: u
                    pulse_check:
                      type: tcp
                      intervall: 5s
                      config: {host: h, port: 1}
                """);

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        String bad = temp.resolve("bad.yaml").toString();
        assertThat(result.output()).containsSubsequence(
                bad + ":5:7: monitor \"t\": pulse_check.interval: the interval must be between 100ms and 24h, got 0s",
                bad + ":6:25: monitor \"t\": pulse_check.config.port: must be between 1 and 65535, got 70000",
                bad + ":10:7: monitor \"u\": pulse_check.intervall: unknown key \"intervall\" (did you mean \"interval\"?)",
                "3 errors; nothing was applied");
        assertThat(result.output()).doesNotContain("required key \"interval\" is missing");
    }

    @Test
    void anEmptyManifestWarnsAndPasses() throws Exception {
        Distribution.Result result = validate("empty.yaml", "monitors: []\n");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("warning: " + temp.resolve("empty.yaml")
                + ": monitors: the manifest defines no monitors; nothing will be checked");
    }

    @Test
    void aFiftyMegabyteUnterminatedQuoteIsRefusedAtTheScalarBoundOnASmallHeap() throws Exception {
        Path file = temp.resolve("open-quote.yaml");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("monitors:\n  - name: \"");
            String line = "x".repeat(1023) + "\n";
            for (int i = 0; i < 50 * 1024; i++) {
                out.write(line);
            }
        }

        Distribution.Result result = cpra.env("CPRA_JAVA_OPTS", "-Xmx256m").run("validate", file.toString());

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains(file + ":2:5: name: a scalar is longer than 1048576 characters")
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void filesThatAreNoManifestSayWhy() throws Exception {
        Distribution.Result binary = validate("binary.yaml", new byte[] {'m', 'o', 'n', ':', '\n', 'a', (byte) 0xFF, 0});
        Distribution.Result nul = validate("nul.yaml", "monitors:\n  - name: a\u0000b\n");
        Distribution.Result folder = cpra.run("validate", temp.toString());

        assertThat(binary.status()).as(binary.output()).isEqualTo(1);
        assertThat(binary.output()).contains(temp.resolve("binary.yaml") + ":2:2: the manifest is not valid UTF-8 text:"
                + " byte 0xFF at byte offset 6 cannot be decoded").doesNotContain("Input length");
        assertThat(nul.status()).as(nul.output()).isEqualTo(1);
        assertThat(nul.output()).contains(temp.resolve("nul.yaml") + ":2:12: the manifest holds the character U+0000");
        assertThat(folder.status()).as(folder.output()).isEqualTo(1);
        assertThat(folder.output()).contains(temp + ": is a directory, not a manifest file");
    }
}
