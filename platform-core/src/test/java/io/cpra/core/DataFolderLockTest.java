package io.cpra.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One holder per data folder; the file names the holder; a stale file blocks nothing. */
class DataFolderLockTest {

    @TempDir
    Path temp;

    @Test
    void aSecondTakerIsRefusedNamingTheHolder() throws Exception {
        Path data = temp.resolve("data");
        try (DataFolderLock held = DataFolderLock.take(data)) {
            String pid = Long.toString(ProcessHandle.current().pid());
            assertThat(Files.readString(data.resolve(DataFolderLock.FILE)).strip()).isEqualTo(pid);

            assertThatThrownBy(() -> DataFolderLock.take(data))
                    .isInstanceOfSatisfying(DataFolderLock.Held.class, e -> assertThat(e.pid()).isEqualTo(pid))
                    .hasMessageContaining("is in use by another cpra (pid " + pid + ")");
        }
        // released: the next taker gets it
        DataFolderLock.take(data).close();
    }

    @Test
    void aFileLeftByAProcessThatDiedDoesNotBlock() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve(DataFolderLock.FILE), "999999999\n");

        try (DataFolderLock held = DataFolderLock.take(data)) {
            assertThat(Files.readString(data.resolve(DataFolderLock.FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }
}
