package io.cpra.core.access;

import java.util.Objects;
import java.util.Set;

/**
 * The holder of a token that was recognised: its name, which the event history records as the
 * actor of every change it makes, and its scopes. Immutable.
 *
 * @param name   the token's name
 * @param scopes what it allows; never empty
 */
public record Caller(String name, Set<Scope> scopes) {

    /** Copies the set. */
    public Caller {
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
    }

    /**
     * Whether this caller may do what needs a scope.
     *
     * @param needed the scope
     * @return true when one of its scopes covers it
     */
    public boolean allows(Scope needed) {
        return scopes.stream().anyMatch(scope -> scope.covers(needed));
    }
}
