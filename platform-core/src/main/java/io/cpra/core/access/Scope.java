package io.cpra.core.access;

import java.util.Locale;

/**
 * What a token allows; each scope covers the ones declared before it, so an admin token may
 * also operate and read.
 */
public enum Scope {
    /** Reads, when they are protected. */
    READ,
    /** Holds and checks on demand: pause, resume, maintenance, run now. */
    OPERATE,
    /** Definitions: monitors created, replaced, deleted; the manifest reloaded. */
    ADMIN;

    /**
     * How the scope is written in the tokens file and in answers.
     *
     * @return {@code read}, {@code operate} or {@code admin}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether holding this scope allows what another needs.
     *
     * @param needed the scope a request needs
     * @return true when this scope is the same or wider
     */
    public boolean covers(Scope needed) {
        return compareTo(needed) >= 0;
    }

    /**
     * The scope written as {@code key}.
     *
     * @param key such as {@code operate}
     * @return the scope, or {@code null} when there is none by that name
     */
    static Scope of(String key) {
        for (Scope scope : values()) {
            if (scope.key().equals(key)) {
                return scope;
            }
        }
        return null;
    }
}
