package io.cpra.core.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides whether a request may reach its route: writes always need the bearer token, reads
 * only when they are protected. Without a configured token nothing that needs one is allowed
 * (403, saying how to configure one). A missing or wrong token gets the same 401 either way,
 * so a caller learns nothing about why.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes
 * the same time wherever the first difference is; hashing first also hides the token's length.
 * Immutable and thread-safe.
 */
final class Guard {

    static final String CHALLENGE = "Bearer realm=\"cpra\"";
    static final String UNAUTHORIZED = "unauthorized: this request needs a valid bearer token";
    static final String WRITES_DISABLED = "writes are disabled because no API token is configured; set cpra.api.token"
            + " in conf/application.yaml (or the CPRA_API_TOKEN environment variable) and restart cpra";
    static final String READS_DISABLED = "reads are protected (cpra.api.protect-reads) but no API token is configured;"
            + " set cpra.api.token in conf/application.yaml (or the CPRA_API_TOKEN environment variable) and restart cpra";

    private static final String BEARER = "bearer ";

    private final byte[] expected;
    private final boolean protectReads;

    Guard(ApiSettings settings) {
        this.expected = settings.token() == null ? null : digest(settings.token());
        this.protectReads = settings.protectReads();
    }

    /**
     * Lets the request through or refuses it.
     *
     * @param request the request
     * @param write   whether its route changes something
     * @throws ApiException 403 when no token is configured, 401 when the token is missing or wrong
     */
    void check(ServerRequest request, boolean write) {
        if (!write && !protectReads) {
            return;
        }
        if (expected == null) {
            throw new ApiException(Status.FORBIDDEN_403, write ? WRITES_DISABLED : READS_DISABLED);
        }
        String given = bearer(request);
        if (given == null || !MessageDigest.isEqual(digest(given), expected)) {
            throw new ApiException(Status.UNAUTHORIZED_401, UNAUTHORIZED).withHeader(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        }
    }

    /** The token of an {@code Authorization: Bearer ...} header, or {@code null}. */
    private static String bearer(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
