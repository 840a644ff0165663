package io.cpra.core.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files — HTML, CSS, JavaScript modules — read once at start from this
 * module's own resources ({@code io/cpra/core/web/ui/}), so the browser needs nothing but this
 * server: no CDN, no build step. Only the files listed here are served; a name not on the list
 * is a 404, never a path into the jar. Immutable once built.
 */
final class Assets {

    /** Every file the dashboard has, with its content type. */
    static final Map<String, String> FILES = files();

    private final Map<String, Asset> loaded;

    private Assets(Map<String, Asset> loaded) {
        this.loaded = loaded;
    }

    /**
     * Reads every listed file.
     *
     * @return the assets
     * @throws IllegalStateException when a listed file is missing from the jar (a packaging fault)
     */
    static Assets load() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        FILES.forEach((name, type) -> {
            try (InputStream in = Assets.class.getResourceAsStream("ui/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard file ui/" + name + " is missing from cpra's jar");
                }
                byte[] bytes = in.readAllBytes();
                loaded.put(name, new Asset(bytes, type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dashboard file ui/" + name, e);
            }
        });
        return new Assets(Map.copyOf(loaded));
    }

    /**
     * A file by name.
     *
     * @param name its name, such as {@code app.js}
     * @return the file, or empty when it is not one of the dashboard's
     */
    Optional<Asset> find(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "text/html; charset=utf-8");
        files.put("dashboard.css", "text/css; charset=utf-8");
        files.put("status.css", "text/css; charset=utf-8");
        for (String module : new String[] {"app.js", "api.js", "live.js", "views.js", "monitor.js", "chart.js", "dom.js"}) {
            files.put(module, "text/javascript; charset=utf-8");
        }
        files.put("favicon.svg", "image/svg+xml");
        return Map.copyOf(files);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * One file.
     *
     * @param bytes its content
     * @param type  its content type
     * @param etag  a strong validator of its content
     */
    record Asset(byte[] bytes, String type, String etag) {
    }
}
