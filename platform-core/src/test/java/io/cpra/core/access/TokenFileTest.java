package io.cpra.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tokens file: what it accepts, how it refuses, and that it keeps digests, never tokens. */
class TokenFileTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path temp;

    @Test
    void readsNamesScopesAndDigestsSkippingCommentsAndBlankLines() throws Exception {
        List<TokenFile.Entry> entries = TokenFile.parse("tokens", """
                # who may call
                grafana read %s

                \toncall   operate,read\t%s\r
                """.formatted(DIGEST, DIGEST));

        assertThat(entries).extracting(TokenFile.Entry::name).containsExactly("grafana", "oncall");
        assertThat(entries.get(1).scopes()).containsExactlyInAnyOrder(Scope.OPERATE, Scope.READ);
        assertThat(entries.get(0).digest()).isEqualTo(HexFormat.of().parseHex("ab".repeat(32)));
    }

    @Test
    void aBadLineIsNamedByLineAndColumnAndNeverQuotesWhatLooksLikeAToken() {
        assertThatThrownBy(() -> TokenFile.parse("conf/tokens", "ok read " + DIGEST + "\n  ci operate cpra_SECRETVALUE\n"))
                .isInstanceOf(TokenFile.Invalid.class)
                .hasMessageStartingWith("conf/tokens:2:14: token ci: expected sha256:")
                .message().doesNotContain("SECRETVALUE");
        assertThatThrownBy(() -> TokenFile.parse("f", "ci write " + DIGEST))
                .hasMessage("f:1:4: token ci: unknown scope \"write\"; scopes are read, operate, admin, comma separated");
        assertThatThrownBy(() -> TokenFile.parse("f", "ci read"))
                .hasMessage("f:1:1: expected NAME SCOPES sha256:HEX, found 2 field(s)");
        assertThatThrownBy(() -> TokenFile.parse("f", "ci read " + DIGEST + "\nci admin " + DIGEST))
                .hasMessage("f:2:1: token ci is named twice");
        assertThatThrownBy(() -> TokenFile.parse("f", "default admin " + DIGEST))
                .hasMessageContaining("f:1:1: the name default is kept for cpra.api.token");
        assertThatThrownBy(() -> TokenFile.parse("f", "a/b admin " + DIGEST)).hasMessageStartingWith("f:1:1: the name");
        assertThatThrownBy(() -> TokenFile.parse("f", "ci read sha256:" + "AB".repeat(32)))
                .hasMessageStartingWith("f:1:9: token ci: expected");
    }

    @Test
    void writtenFilesReadBackAndKeepTheirCommentsAndOnlyTheDigest() throws Exception {
        Path file = temp.resolve("tokens");
        Files.writeString(file, "# keep me\nold read " + DIGEST + "\n");
        String token = TokenFile.newToken();

        TokenFile.write(file, List.of(new TokenFile.Entry("ci", EnumSet.of(Scope.ADMIN, Scope.READ), TokenFile.digest(token))));

        String text = Files.readString(file);
        assertThat(text).startsWith("# keep me\n").doesNotContain(token).doesNotContain("old");
        assertThat(TokenFile.read(file)).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo("ci");
            assertThat(entry.scopes()).isEqualTo(Set.of(Scope.READ, Scope.ADMIN));
            assertThat(entry.digest()).isEqualTo(TokenFile.digest(token));
        });
        assertThat(Files.getPosixFilePermissions(file)).hasToString("[OWNER_READ, OWNER_WRITE]");
        assertThat(token).startsWith("cpra_").hasSize(5 + 43);
    }

    @Test
    void wideScopesCoverNarrowOnes() {
        assertThat(new Caller("a", Set.of(Scope.ADMIN)).allows(Scope.READ)).isTrue();
        assertThat(new Caller("a", Set.of(Scope.OPERATE)).allows(Scope.ADMIN)).isFalse();
        assertThat(new Caller("a", Set.of(Scope.OPERATE)).allows(Scope.OPERATE)).isTrue();
        assertThat(new Caller("a", Set.of(Scope.READ)).allows(Scope.OPERATE)).isFalse();
    }

    @Test
    void tokensFollowTheirFileAndKeepTheLastGoodOneWhenItBreaks() throws Exception {
        Path file = temp.resolve("tokens");
        String first = TokenFile.newToken();
        String second = TokenFile.newToken();
        TokenFile.write(file, List.of(new TokenFile.Entry("one", Set.of(Scope.READ), TokenFile.digest(first))));
        Tokens tokens = Tokens.create("configured-token", file);

        assertThat(tokens.find(first)).hasValueSatisfying(caller -> assertThat(caller.name()).isEqualTo("one"));
        assertThat(tokens.find("configured-token")).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo(Tokens.CONFIGURED);
            assertThat(caller.allows(Scope.ADMIN)).isTrue();
        });
        assertThat(tokens.find(second)).isEmpty();

        TokenFile.write(file, List.of(new TokenFile.Entry("two", Set.of(Scope.ADMIN), TokenFile.digest(second))));
        assertThat(tokens.find(first)).isEmpty();
        assertThat(tokens.find(second)).isPresent();

        Files.writeString(file, "broken line\n");
        assertThat(tokens.find(second)).as("the last good file stays in force").isPresent();

        Files.delete(file);
        assertThat(tokens.find(second)).as("a removed file revokes its tokens").isEmpty();
        assertThat(tokens.any()).isTrue();
    }

    @Test
    void aBrokenFileAtStartIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("tokens"), "x\n");
        assertThatThrownBy(() -> Tokens.create(null, file)).isInstanceOf(TokenFile.Invalid.class)
                .hasMessageStartingWith(file + ":1:1:");
    }
}
