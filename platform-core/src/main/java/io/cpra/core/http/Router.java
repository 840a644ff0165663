package io.cpra.core.http;

import io.helidon.http.Method;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the route of a request by its method and <em>raw</em> path.
 *
 * <p>Helidon matches routes against the decoded path, so a monitor named {@code edge/eu-1},
 * sent as {@code edge%2Feu-1}, would turn into two segments and match nothing. This router
 * splits the raw path on {@code /} first and decodes each segment afterwards, so an encoded
 * slash stays inside its parameter. Routes are tried in order; the first match wins.
 * Immutable and thread-safe.
 */
final class Router {

    private final List<Compiled> routes;

    Router(List<Route> routes) {
        Set<String> seen = new HashSet<>();
        List<Compiled> compiled = new ArrayList<>();
        for (Route route : routes) {
            if (!seen.add(route.method().text() + " " + route.path())) {
                throw new IllegalArgumentException("two routes for " + route.method().text() + " " + route.path());
            }
            compiled.add(new Compiled(route, route.segments().toArray(String[]::new)));
        }
        this.routes = List.copyOf(compiled);
    }

    /**
     * Looks a request up.
     *
     * @param method  its method
     * @param rawPath its path as sent, percent-encoding intact
     * @return the route and its parameters; or the methods the path allows; or nothing
     * @throws ApiException 400 when a segment's percent-encoding is malformed
     */
    Lookup find(Method method, String rawPath) {
        String[] segments = split(rawPath);
        Set<Method> allowed = new LinkedHashSet<>();
        for (Compiled candidate : routes) {
            Map<String, String> params = candidate.match(segments);
            if (params != null) {
                if (candidate.route.method().equals(method)) {
                    return new Lookup.Found(candidate.route, params);
                }
                allowed.add(candidate.route.method());
            }
        }
        return allowed.isEmpty() ? new Lookup.NotFound() : new Lookup.WrongMethod(allowed);
    }

    /** The raw path's segments; one trailing slash is tolerated. */
    private static String[] split(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.split("/", -1);
    }

    private record Compiled(Route route, String[] template) {

        /** The decoded parameters when the segments fit the template, else {@code null}. */
        Map<String, String> match(String[] segments) {
            if (segments.length != template.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (part.startsWith("{")) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new HashMap<>();
                    }
                    params.put(part.substring(1, part.length() - 1), decode(segments[i]));
                } else if (!part.equals(segments[i])) {
                    return null;
                }
            }
            return params == null ? Map.of() : params;
        }

        /**
         * Percent-decodes one segment strictly: {@code %} must start two hex digits and the bytes
         * must be UTF-8. Helidon's decoder passes malformed escapes through or fails on a
         * truncated one, and {@code +} is a plus sign in a path, not a space.
         */
        private static String decode(String segment) {
            if (segment.indexOf('%') < 0) {
                return segment;
            }
            byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
            ByteBuffer decoded = ByteBuffer.allocate(bytes.length);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '%') {
                    decoded.put(bytes[i]);
                    continue;
                }
                int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
                int low = high < 0 ? -1 : Character.digit(bytes[i + 2], 16);
                if (low < 0) {
                    throw malformed(segment);
                }
                decoded.put((byte) (high << 4 | low));
                i += 2;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(decoded.flip()).toString();
            } catch (CharacterCodingException e) {
                throw malformed(segment);
            }
        }

        private static ApiException malformed(String segment) {
            return ApiException.badRequest("the path segment \"" + segment + "\" is not valid percent-encoded UTF-8");
        }
    }

    /** What a lookup found. */
    sealed interface Lookup {

        /** A route matched; {@code params} holds its decoded path parameters. */
        record Found(Route route, Map<String, String> params) implements Lookup {
        }

        /** The path exists, but not for this method. */
        record WrongMethod(Set<Method> allowed) implements Lookup {
        }

        /** No route has this path. */
        record NotFound() implements Lookup {
        }
    }
}
