package io.cpra.core.trust;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfinementTest {

    @TempDir
    Path temp;
    Path home;
    Confinement logs;

    @BeforeEach
    void home() throws Exception {
        home = Files.createDirectories(temp.resolve("cpra"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("conf"));
        logs = new Confinement(home, List.of("logs"), List.of(Path.of("conf"), Path.of("data")), "write-paths");
    }

    @Test
    void pathsUnderTheFolderAreInsideWhetherTheyExistOrNot() throws Exception {
        Files.writeString(home.resolve("logs/alerts.log"), "");
        assertThat(logs.refusal("logs/alerts.log")).isEmpty();
        assertThat(logs.refusal("logs/red/deeper/alerts.log")).isEmpty();
        assertThat(logs.refusal(home.resolve("logs/x.log").toString())).isEmpty();
        assertThat(logs.refusal("./logs/x.log")).isEmpty();
    }

    @Test
    void escapesAreRefusedAndNothingIsCreated() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(home.resolve("logs/escape"), outside);
        Files.writeString(outside.resolve("target"), "");
        Files.createSymbolicLink(home.resolve("logs/file-link.log"), outside.resolve("target"));
        Files.createSymbolicLink(home.resolve("logs/dangling.log"), temp.resolve("nowhere"));

        for (String hostile : List.of("/root/.bashrc", "../../x", "logs/../../x", "logs/../conf/monitors.yaml",
                "conf/monitors.yaml", "data/cpra.db", "logs", "logs/escape/x.log", "logs/escape/deep/x.log",
                "logs/file-link.log", "logs/dangling.log", "logs/a\0b", outside.resolve("x.log").toString(),
                "plugins/x.jar")) {
            assertThat(logs.refusal(hostile)).as(hostile).isPresent();
        }
        assertThat(outside.resolve("deep")).doesNotExist();
        assertThat(temp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void theRefusalReadsTheSameForAFileThatExistsAndOneThatDoesNot() throws Exception {
        Files.writeString(temp.resolve("exists"), "");
        String existing = logs.refusal(temp.resolve("exists").toString()).orElseThrow();
        String missing = logs.refusal(temp.resolve("missing").toString()).orElseThrow();
        assertThat(existing.replace("exists", "X")).isEqualTo(missing.replace("missing", "X"));
        assertThat(existing).contains("logs");
    }

    @Test
    void aForbiddenFolderStaysForbiddenUnderAnAllowedOne() {
        Confinement everything = new Confinement(home, List.of("."), List.of(Path.of("conf"), Path.of("data")), "write-paths");
        assertThat(everything.refusal("logs/x.log")).isEmpty();
        assertThat(everything.refusal("conf/monitors.yaml")).isPresent();
        assertThat(everything.refusal("data/cpra.db")).isPresent();
    }

    @Test
    void aLinkedHomeStillCountsAsInside() throws Exception {
        Path linkedHome = Files.createSymbolicLink(temp.resolve("current"), home);
        Confinement viaLink = new Confinement(linkedHome, List.of("logs"), List.of(Path.of("conf")), "write-paths");
        assertThat(viaLink.refusal("logs/alerts.log")).isEmpty();
        assertThat(viaLink.refusal("conf/monitors.yaml")).isPresent();
    }
}
