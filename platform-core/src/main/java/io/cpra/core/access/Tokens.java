package io.cpra.core.access;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The tokens the API knows: the configured one ({@code cpra.api.token}, an admin token named
 * {@value #CONFIGURED}) and those of the tokens file, read again whenever the file changes.
 * Thread-safe.
 */
public interface Tokens {

    /** The name of the token set by {@code cpra.api.token}, as the event history shows it. */
    String CONFIGURED = "default";

    /**
     * Tokens from the configuration and a file.
     *
     * @param configured the token of {@code cpra.api.token}, or {@code null}
     * @param file       the tokens file, or {@code null} for none; it need not exist
     * @return the tokens
     * @throws TokenFile.Invalid when the file exists and has an error: a server should not start
     *                           with tokens it cannot read
     */
    static Tokens create(String configured, Path file) throws TokenFile.Invalid {
        return new WatchedTokens(configured, file);
    }

    /**
     * Who holds a token.
     *
     * @param token the bearer token as presented
     * @return its holder, or empty when no token is known by it
     */
    Optional<Caller> find(String token);

    /**
     * Whether any token is known, now: with none, requests that need one are refused as
     * impossible (403) rather than unauthorized (401).
     *
     * @return true when a token is configured or the file holds one
     */
    boolean any();

    /**
     * Where tokens are added, for messages.
     *
     * @return the tokens file, or {@code null}
     */
    Path file();
}
