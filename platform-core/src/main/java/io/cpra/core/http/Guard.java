package io.cpra.core.http;

import io.cpra.core.access.Caller;
import io.cpra.core.access.Scope;
import io.cpra.core.access.Tokens;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/**
 * Decides whether a request may reach its route, and who makes it. Writes always need a bearer
 * token whose scopes cover the route's ({@link Route#scope()}); reads only when they are
 * protected. With no token known at all nothing that needs one is allowed (403, saying how to
 * add one). A missing or unknown token gets the same 401 either way, so a caller learns nothing
 * about why; a known token without the scope gets 403 naming the scope, with the
 * {@code insufficient_scope} challenge of RFC 6750.
 *
 * <p>Tokens are looked up by digest in constant time ({@link Tokens}). Thread-safe.
 */
final class Guard {

    static final String CHALLENGE = "Bearer realm=\"cpra\"";
    static final String UNAUTHORIZED = "unauthorized: this request needs a valid bearer token";
    static final String WRITES_DISABLED = "writes are disabled because no API token is configured; set cpra.api.token"
            + " in conf/application.yaml (or the CPRA_API_TOKEN environment variable) and restart cpra,"
            + " or add a token with bin/cpra token add NAME --scopes=admin";
    static final String READS_DISABLED = "reads are protected (cpra.api.protect-reads) but no API token is configured;"
            + " set cpra.api.token in conf/application.yaml (or the CPRA_API_TOKEN environment variable) and restart cpra,"
            + " or add a token with bin/cpra token add NAME --scopes=read";

    private static final String BEARER = "bearer ";

    private final Tokens tokens;
    private final boolean protectReads;

    Guard(Tokens tokens, boolean protectReads) {
        this.tokens = tokens;
        this.protectReads = protectReads;
    }

    /**
     * Lets the request through or refuses it.
     *
     * @param request the request
     * @param needed  the scope its route needs
     * @return who made it; empty for an open read
     * @throws ApiException 403 when no token is known or the token lacks the scope, 401 when the
     *                      token is missing or unknown
     */
    Optional<Caller> check(ServerRequest request, Scope needed) {
        if (needed == Scope.READ && !protectReads) {
            return Optional.empty();
        }
        if (!tokens.any()) {
            throw new ApiException(Status.FORBIDDEN_403, needed == Scope.READ ? READS_DISABLED : WRITES_DISABLED);
        }
        String given = bearer(request);
        Caller caller = given == null ? null : tokens.find(given).orElse(null);
        if (caller == null) {
            throw new ApiException(Status.UNAUTHORIZED_401, UNAUTHORIZED).withHeader(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        }
        if (!caller.allows(needed)) {
            throw new ApiException(Status.FORBIDDEN_403, "the token \"" + caller.name() + "\" lacks the " + needed.key()
                    + " scope this request needs")
                    .withHeader(HeaderNames.WWW_AUTHENTICATE, CHALLENGE + ", error=\"insufficient_scope\", scope=\""
                            + needed.key() + "\"");
        }
        return Optional.of(caller);
    }

    /**
     * Lets a request for a page outside the API (metrics, the OpenAPI document) through when
     * reads are open or it carries a token with the read scope.
     *
     * @param request the request
     * @throws ApiException as {@link #check}
     */
    void checkRead(ServerRequest request) {
        check(request, Scope.READ);
    }

    /** The token of an {@code Authorization: Bearer ...} header, or {@code null}. */
    private static String bearer(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
