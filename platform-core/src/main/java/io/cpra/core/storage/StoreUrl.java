package io.cpra.core.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What a JDBC URL says about its store, and how to show it without secrets. Stateless.
 *
 * <p>Only two URL shapes are accepted ({@link StorageSettings} checks the prefix): {@code jdbc:sqlite:<file>}
 * with optional {@code ?key=value} driver options, and {@code jdbc:postgresql://...}. A password can hide in
 * a PostgreSQL URL's parameters ({@code password=}, {@code sslpassword=}) or in a user-info part; both are
 * dropped before the URL appears anywhere.
 */
final class StoreUrl {

    static final String SQLITE = "jdbc:sqlite:";
    static final String POSTGRESQL = "jdbc:postgresql:";

    private StoreUrl() {
    }

    /** @return true for {@code jdbc:sqlite:} */
    static boolean sqlite(String url) {
        return url.startsWith(SQLITE);
    }

    /**
     * The database file of a SQLite URL.
     *
     * @throws IllegalArgumentException for an in-memory or empty name: each connection would see its own
     *                                  database and nothing would survive a restart
     */
    static Path sqliteFile(String url) {
        String name = url.substring(SQLITE.length());
        if (name.contains("mode=memory")) {
            name = "";
        }
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        if (name.startsWith("file:")) {
            URI uri = URI.create(name);
            name = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
        }
        if (name == null || name.isBlank() || name.contains(":memory:")) {
            throw new IllegalArgumentException("storage url " + withoutSecrets(url)
                    + " names no file: an in-memory SQLite store keeps nothing across a restart; use jdbc:sqlite:<file>");
        }
        return Path.of(name).toAbsolutePath().normalize();
    }

    /** @return the store for messages: {@code sqlite:/abs/file.db} or {@code postgresql://host/db?params} */
    static String describe(String url) {
        if (sqlite(url)) {
            try {
                return "sqlite:" + sqliteFile(url);
            } catch (IllegalArgumentException e) {
                return withoutSecrets(url).substring("jdbc:".length());
            }
        }
        return withoutSecrets(url).substring("jdbc:".length());
    }

    /** @return the URL with user info and every parameter whose name mentions a password removed */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int authority = base.indexOf("//");
        if (authority >= 0) {
            int at = base.indexOf('@', authority);
            int slash = base.indexOf('/', authority + 2);
            if (at >= 0 && (slash < 0 || at < slash)) {
                base = base.substring(0, authority + 2) + base.substring(at + 1);
            }
        }
        if (query < 0) {
            return base;
        }
        StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String parameter : url.substring(query + 1).split("&")) {
            String key = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!key.isEmpty() && !key.contains("password")) {
                kept.add(parameter);
            }
        }
        return base + kept;
    }

    /** @return the text with every occurrence of the password masked (drivers quote what they were given) */
    static String redact(String text, String password) {
        if (text == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***");
    }
}
