package io.cpra.testing.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server cpra's tests use, so that {@code ./mvnw verify} needs nothing running:
 * the server {@value #URL_VARIABLE} names when it is set, or else a private server that this JVM
 * starts on first use — the PostgreSQL build of the {@code io.zonky.test.postgres} binaries
 * artifact, on a free loopback port, in a temporary folder, as an unprivileged user when the
 * build runs as root (PostgreSQL refuses root), stopped and removed when the JVM exits.
 *
 * <p>{@value #URL_VARIABLE} has the form {@code jdbc:postgresql://host[:port]/database}, with
 * optional {@code user} (default {@code postgres}) and {@code password} query parameters. The
 * user must be allowed to create schemas and roles: tests make a schema of their own each, and
 * one locks a role of its own out.
 *
 * <p>Thread-safety: {@link #get()} may be called from any thread and starts at most one private
 * server per JVM; a server is an immutable value.
 */
public final class TestPostgres {

    /** The environment variable that names a server to use instead of a private one. */
    public static final String URL_VARIABLE = "CPRA_TEST_POSTGRES_URL";

    private static final String PREFIX = "jdbc:postgresql://";
    private static final String FORM = PREFIX + "host[:port]/database[?user=name&password=secret]";

    private static TestPostgres shared; // guarded by TestPostgres.class
    private static RuntimeException failure; // guarded by TestPostgres.class; the first start's, repeated

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    TestPostgres(String host, int port, String database, String user, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /**
     * The server for this JVM's tests, started on the first call when {@value #URL_VARIABLE} is
     * not set. A start that failed fails every later call with the same error, without a retry.
     *
     * @return the server
     * @throws IllegalStateException when {@value #URL_VARIABLE} is malformed or no server could be started
     */
    public static synchronized TestPostgres get() {
        if (shared == null && failure == null) {
            try {
                String url = System.getenv(URL_VARIABLE);
                if (url == null || url.isBlank()) {
                    shared = PrivateServer.start();
                } else {
                    shared = parse(url);
                    System.err.println("[cpra tests] PostgreSQL: " + shared + ", from " + URL_VARIABLE);
                }
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("no PostgreSQL server for the tests: " + e.getMessage()
                        + "\n(set " + URL_VARIABLE + "=" + FORM + " to use a server of yours)", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return shared;
    }

    /**
     * Reads a {@value #URL_VARIABLE} value.
     *
     * @throws IllegalArgumentException naming the expected form, never the password
     */
    static TestPostgres parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw malformed("it does not start with " + PREFIX);
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw malformed(e.getReason());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getHost() == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw malformed("it needs a host and a database");
        }
        String user = "postgres";
        String password = "";
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    // the tests append parameters of their own, and compare descriptions without others
                    default -> throw malformed("parameter \"" + name + "\" is not supported; only user and password are");
                }
            }
        }
        return new TestPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8), user, password);
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException(URL_VARIABLE + " must look like " + FORM + ": " + why);
    }

    /** @return the host name or address, as the URL gave it */
    public String host() {
        return host;
    }

    /** @return the TCP port */
    public int port() {
        return port;
    }

    /** @return the database tests make their schemas in */
    public String database() {
        return database;
    }

    /** @return a user allowed to create schemas and roles */
    public String user() {
        return user;
    }

    /** @return that user's password; empty for a private server, which trusts loopback connections */
    public String password() {
        return password;
    }

    /** @return {@code jdbc:postgresql://host:port/database}, without user or password */
    public String url() {
        return PREFIX + host + ":" + port + "/" + database;
    }

    /**
     * @param schema the schema a store lives in
     * @return {@link #url()} with {@code ?currentSchema=schema}, to which more parameters may be appended with {@code &}
     */
    public String url(String schema) {
        return url() + "?currentSchema=" + schema;
    }

    /** @return what cpra's storage shows for {@link #url(String)}: the URL without {@code jdbc:} */
    public String describe(String schema) {
        return url(schema).substring("jdbc:".length());
    }

    /**
     * @return a new connection to {@link #database()} as {@link #user()}, for creating and dropping schemas and roles
     * @throws SQLException when the server cannot be reached
     */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** @return where the server is, without the password */
    @Override
    public String toString() {
        return "PostgreSQL " + url() + " as " + user;
    }
}
