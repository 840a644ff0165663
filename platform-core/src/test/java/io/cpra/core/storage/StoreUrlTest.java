package io.cpra.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/cpra                                      | postgresql://db:5432/cpra",
            "jdbc:postgresql://db/cpra?password=hunter2                          | postgresql://db/cpra",
            "jdbc:postgresql://db/cpra?user=cpra&password=hunter2&ssl=true       | postgresql://db/cpra?user=cpra&ssl=true",
            "jdbc:postgresql://db/cpra?sslpassword=hunter2&currentSchema=x       | postgresql://db/cpra?currentSchema=x",
            "jdbc:postgresql://cpra:hunter2@db:5432/cpra?PASSWORD=hunter2        | postgresql://db:5432/cpra",
            "jdbc:postgresql://db1:5432,db2:5432/cpra?targetServerType=primary   | postgresql://db1:5432,db2:5432/cpra?targetServerType=primary",
            "jdbc:sqlite:/opt/cpra/data/cpra.db                                  | sqlite:/opt/cpra/data/cpra.db",
            "jdbc:sqlite:/opt/cpra/data/../data/cpra.db?journal_mode=WAL         | sqlite:/opt/cpra/data/cpra.db",
            "jdbc:sqlite:file:/opt/cpra/cpra.db?cache=private                    | sqlite:/opt/cpra/cpra.db",
    })
    void describeShowsTheStoreWithoutSecrets(String url, String shown) {
        assertThat(StoreUrl.describe(url)).isEqualTo(shown).doesNotContain("hunter2");
    }

    @Test
    void aRelativeSqliteFileIsResolvedAgainstTheWorkingFolder() {
        assertThat(StoreUrl.sqliteFile("jdbc:sqlite:data/cpra.db")).isEqualTo(Path.of("data/cpra.db").toAbsolutePath());
    }

    @ParameterizedTest
    @CsvSource({"jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory"})
    void anInMemorySqliteStoreIsRefused(String url) {
        assertThatThrownBy(() -> StoreUrl.sqliteFile(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-memory");
    }

    @Test
    void redactMasksThePasswordWherever() {
        assertThat(StoreUrl.redact("auth failed for hunter2 at hunter2", "hunter2")).isEqualTo("auth failed for *** at ***");
        assertThat(StoreUrl.redact("nothing to hide", "")).isEqualTo("nothing to hide");
    }

    @Test
    void settingsNeverShowThePassword() {
        StorageSettings settings = new StorageSettings("jdbc:postgresql://db/cpra?password=hunter2", "cpra", "hunter2", 2,
                StorageSettings.DEFAULT_TIMEOUT);

        assertThat(settings.toString()).doesNotContain("hunter2").contains("postgresql://db/cpra");
        assertThatThrownBy(() -> new StorageSettings("jdbc:mysql://db/cpra?password=hunter2", "", "", 1,
                StorageSettings.DEFAULT_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter2");
    }
}
