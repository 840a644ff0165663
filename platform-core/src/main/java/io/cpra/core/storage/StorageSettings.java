package io.cpra.core.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Which store to open and how. Immutable.
 *
 * @param url         a JDBC URL: {@code jdbc:sqlite:/path/cpra.db} (the default, a file under
 *                    {@code data/}) or {@code jdbc:postgresql://host:5432/db}
 * @param user        the user, or an empty string
 * @param password    the password, or an empty string; never logged or shown
 * @param connections the most connections to hold open, at least 1 (SQLite uses one writer
 *                    whatever this says)
 * @param timeout     how long to wait for a connection or a lock, positive
 */
public record StorageSettings(String url, String user, String password, int connections, Duration timeout) {

    /** Checks the ranges. */
    public StorageSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("storage url must start with jdbc:sqlite: or jdbc:postgresql:, got " + url);
        }
        if (connections < 1 || !timeout.isPositive()) {
            throw new IllegalArgumentException("need at least one connection and a positive timeout");
        }
    }

    @Override
    public String toString() {
        return "StorageSettings[url=" + url + ", user=" + user + ", connections=" + connections + ", timeout=" + timeout + "]";
    }
}
