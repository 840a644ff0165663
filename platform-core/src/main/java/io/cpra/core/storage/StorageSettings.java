package io.cpra.core.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which store to open and how. Immutable.
 *
 * @param url         a JDBC URL: {@code jdbc:sqlite:/path/cpra.db} (the default, a file under
 *                    {@code data/}; not {@code :memory:}) or {@code jdbc:postgresql://host:5432/db}
 *                    (driver parameters allowed, such as {@code ?currentSchema=cpra}); password
 *                    parameters and user info are never shown
 * @param user        the user, or an empty string
 * @param password    the password, or an empty string; never logged or shown
 * @param connections the most connections to hold open, at least 1 (SQLite uses one writer
 *                    whatever this says)
 * @param timeout     how long to wait for a connection or a lock, positive
 */
public record StorageSettings(String url, String user, String password, int connections, Duration timeout) {

    /** Connections held when nothing else is said. */
    public static final int DEFAULT_CONNECTIONS = 4;
    /** How long to wait for a connection or a lock when nothing else is said. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The default store: a SQLite file, with default connections and timeout.
     *
     * @param file the database file; its folder is created when the store opens
     * @return the settings
     */
    public static StorageSettings sqlite(Path file) {
        return new StorageSettings(StoreUrl.SQLITE + file, "", "", DEFAULT_CONNECTIONS, DEFAULT_TIMEOUT);
    }

    /** Checks the ranges. */
    public StorageSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        if (!url.startsWith(StoreUrl.SQLITE) && !url.startsWith(StoreUrl.POSTGRESQL)) {
            throw new IllegalArgumentException("storage url must start with jdbc:sqlite: or jdbc:postgresql:, got "
                    + StoreUrl.withoutSecrets(url));
        }
        if (connections < 1 || !timeout.isPositive()) {
            throw new IllegalArgumentException("need at least one connection and a positive timeout");
        }
    }

    @Override
    public String toString() {
        return "StorageSettings[url=" + StoreUrl.withoutSecrets(url) + ", user=" + user + ", connections=" + connections + ", timeout=" + timeout + "]";
    }
}
