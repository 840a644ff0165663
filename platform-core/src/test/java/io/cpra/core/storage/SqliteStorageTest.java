package io.cpra.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.cpra.core.storage.Samples.event;
import static io.cpra.core.storage.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** The storage contract on SQLite, plus what only a file can do: lose it, lock it, crash over it. */
class SqliteStorageTest extends StorageContractTest {

    @TempDir
    Path folder;
    private int stores;

    @Override
    StorageSettings newStore() {
        // a folder that does not exist yet: open() creates it
        Path file = folder.resolve("data-" + ++stores).resolve("cpra.db");
        return new StorageSettings("jdbc:sqlite:" + file, "", PASSWORD, 3, Duration.ofSeconds(10));
    }

    @Override
    Connection raw(StorageSettings store) throws SQLException {
        return DriverManager.getConnection(store.url());
    }

    @Override
    int concurrentOpenRounds() {
        // a new file is cheap, and its switch to WAL is where two opens collide
        return 30;
    }

    @Override
    void removeStores() {
        // @TempDir removes the files
    }

    @Test
    void theStoreIsAWalFileWithDurableCommits() throws SQLException {
        assertThat(storage.describe()).isEqualTo("sqlite:" + folder.resolve("data-1").resolve("cpra.db"));
        try (Connection connection = raw(settings); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void theWriterFsyncsEveryCommit() throws SQLException {
        try (Pools pools = Pools.sqliteWriter(settings); Connection writer = pools.writer().getConnection();
             Statement statement = writer.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
            rows.next();
            assertThat(rows.getInt(1)).as("FULL").isEqualTo(2);
        }
    }

    @Test
    void aBatchWrittenIsFoundByAStoreOpenedWithoutClosingTheFirst() {
        storage.write(new StorageBatch().putSnapshot(snapshot("a", 2, 1)).addEvent(event("a", "k", null, 0, 1)));

        // no close(): the first store is abandoned as a crashed process would leave it
        Storage second = open(settings);

        assertThat(second.snapshots()).containsExactly(snapshot("a", 2, 1));
        assertThat(second.events(EventQuery.ALL, null, 10).items()).hasSize(1);
    }

    @Test
    void aDeletedDatabaseFileIsUnhealthy() throws Exception {
        assertThat(storage.healthy()).isTrue();
        Path file = StoreUrl.sqliteFile(settings.url());

        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }

        assertThat(storage.healthy()).isFalse();
    }

    @Test
    void aWriteWaitsForAnotherProcessesLockAndFailsCleanlyWhenItOutlastsTheTimeout() throws SQLException {
        Storage impatient = open(withTimeout(settings, Duration.ofMillis(300)));
        try (Connection other = raw(settings); Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> impatient.write(new StorageBatch().addEvent(event("a", "k", null, 0, 1))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("write of 1 rows failed");
            assertThat(impatient.healthy()).as("readers are not blocked by a writer under WAL").isTrue();

            statement.execute("ROLLBACK");
        }
        impatient.write(new StorageBatch().addEvent(event("a", "k", null, 0, 2)));
        assertThat(storage.events(EventQuery.ALL, null, 10).items()).hasSize(1);
    }

    @Test
    void anInMemoryStoreIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(new StorageSettings("jdbc:sqlite::memory:", "", "", 1,
                        Duration.ofSeconds(1))))
                .isInstanceOf(StorageException.class).hasMessageContaining("in-memory");
    }

    /**
     * A child JVM writes batches in a loop and prints a line after each write() returned; it is
     * killed with SIGKILL. Every acknowledged batch must be there, whole, and nothing else but at
     * most the one batch under way at the kill.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyBatchAcknowledgedBeforeAKillNineSurvivesIt() throws Exception {
        storage.close();
        Path log = folder.resolve("child.err");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", childClassPath(),
                CrashWriter.class.getName(), settings.url())
                .redirectError(log.toFile())
                .start();
        List<Integer> acknowledged = new ArrayList<>();
        Pattern line = Pattern.compile("written (\\d+)");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = out.readLine()) != null) {
                Matcher written = line.matcher(text);
                assertThat(written.matches()).as("child said %s; stderr in %s", text, log).isTrue();
                acknowledged.add(Integer.parseInt(written.group(1)));
                if (acknowledged.size() == 40) {
                    // SIGKILL on Linux; through the handle, so that our end of the pipe stays open and the
                    // lines already in it are still read
                    child.toHandle().destroyForcibly();
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("stderr in %s: %s", log, Files.readString(log)).hasSizeGreaterThanOrEqualTo(40);

        Storage reopened = open(settings);
        Map<Integer, Long> eventsPerBatch = Samples.drain((cursor, limit) -> reopened.events(EventQuery.ALL, cursor, limit), 1000)
                .stream().collect(Collectors.groupingBy(e -> batchOf(e.detail()), TreeMap::new, Collectors.counting()));
        Set<Integer> expected = new LinkedHashSet<>(acknowledged);

        assertThat(eventsPerBatch.keySet()).containsAll(expected);
        assertThat(eventsPerBatch.values()).as("no batch is half there").allMatch(n -> n == CrashWriter.EVENTS_PER_BATCH);
        assertThat(eventsPerBatch.size()).isLessThanOrEqualTo(expected.size() + 1);
        assertThat(reopened.snapshots()).hasSize(Math.min(CrashWriter.SNAPSHOTS, eventsPerBatch.size()));
    }

    private static int batchOf(String detail) {
        Matcher number = Pattern.compile("\"batch\":(\\d+)").matcher(detail);
        assertThat(number.find()).isTrue();
        return Integer.parseInt(number.group(1));
    }

    /** The test JVM's own module and class path, flattened: the child runs everything from the class path. */
    private static String childClassPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(CrashWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        entries.add(Path.of(Storage.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String path = System.getProperty(property, "");
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
