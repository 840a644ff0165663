package io.cpra.core.web;

import io.cpra.core.engine.Engine;
import io.cpra.core.storage.Storage;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What cpra serves to browsers besides the API: the operator dashboard at {@code /} (its files
 * under {@code /ui/assets/}), the public status pages at {@code /status/{slug}} and the badges
 * under {@code /badge/}.
 *
 * <p>The dashboard's files hold no data: the page reads everything through {@code /api/v1}
 * with the token the operator enters, so the API's guard decides what it may see and do.
 * Status pages and badges are served without a token, even when reads are protected, and
 * show only what their configuration makes public (see {@link StatusPage} and {@link Badges}).
 * They read the engine through its commands and storage through its reads, like the API.
 *
 * <p>Thread-safe once built. A rendered status page is reused for {@link #PAGE_TTL_NANOS}, so
 * a popular page costs the engine and storage a few reads every few seconds, not per visitor;
 * two visitors racing to renew it both render, and the later one's copy stays.
 */
public final class WebPages {

    /** How long a rendered status page is served again. */
    static final long PAGE_TTL_NANOS = 5_000_000_000L;

    /** Scripts and styles only from this server; no inline script, no frames, no foreign hosts. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Assets assets;
    private final Reads reads;
    private final Badges badges;
    private final UptimeHistory uptime;
    private final Map<String, StatusPageSettings> pages;
    private final InstantSource wall;
    private final LongSupplier nanos;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    private WebPages(Builder builder) {
        this.assets = Assets.load();
        this.reads = new Reads(builder.engine, builder.storage);
        this.uptime = builder.uptime != null ? builder.uptime : new StoredUptime(builder.storage, builder.wall);
        this.badges = new Badges(reads, uptime, builder.protectedReads, builder.settings);
        Map<String, StatusPageSettings> pages = new LinkedHashMap<>();
        builder.settings.statusPages().forEach(page -> pages.put(page.slug(), page));
        this.pages = java.util.Collections.unmodifiableMap(pages);
        this.wall = builder.wall;
        this.nanos = builder.nanos;
    }

    /**
     * A builder; the engine and storage are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the pages to a server's routing.
     *
     * @param routing the server's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> asset(req, res, "index.html"))
                .get("/ui", (req, res) -> asset(req, res, "index.html"))
                .get("/ui/", (req, res) -> asset(req, res, "index.html"))
                .get("/ui/assets/{file}", (req, res) -> asset(req, res, req.path().pathParameters().get("file")))
                .get("/status", this::statusIndex)
                .get("/status/{slug}", this::statusPage)
                .get("/badge/*", this::badge);
    }

    private void asset(ServerRequest req, ServerResponse res, String name) {
        Assets.Asset asset = assets.find(name).orElse(null);
        secure(res);
        if (asset == null) {
            text(res, Status.NOT_FOUND_404, "no such file");
            return;
        }
        res.header(HeaderNames.ETAG, asset.etag());
        // revalidated on every load, so a new cpra version is picked up at once
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(asset.etag()::equals).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.type());
        res.send(asset.bytes());
    }

    private void statusIndex(ServerRequest req, ServerResponse res) {
        secure(res);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Status pages</title>"
                + "<link rel=\"stylesheet\" href=\"/ui/assets/status.css\"></head><body><header><h1>Status pages</h1>"
                + "</header><main><section class=\"services\"><ul class=\"service-list\">");
        if (pages.isEmpty()) {
            html.append("<li class=\"service\">No status pages are configured (cpra.status-pages).</li>");
        }
        for (StatusPageSettings page : pages.values()) {
            html.append("<li class=\"service\"><a href=\"/status/").append(page.slug()).append("\">")
                    .append(Markup.escape(page.title())).append("</a></li>");
        }
        html.append("</ul></section></main></body></html>\n");
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html.toString());
    }

    private void statusPage(ServerRequest req, ServerResponse res) {
        secure(res);
        StatusPageSettings page = pages.get(req.path().pathParameters().get("slug"));
        if (page == null) {
            text(res, Status.NOT_FOUND_404, "no such status page");
            return;
        }
        long now = nanos.getAsLong();
        Rendered cached = rendered.get(page.slug());
        String html;
        if (cached != null && now - cached.atNanos < PAGE_TTL_NANOS) {
            html = cached.html;
        } else {
            try {
                html = StatusPageHtml.render(StatusPage.gather(page, reads, uptime, wall.instant()));
            } catch (WebException e) {
                text(res, Status.create(e.status()), e.getMessage());
                return;
            }
            rendered.put(page.slug(), new Rendered(now, html));
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(html);
    }

    private void badge(ServerRequest req, ServerResponse res) {
        secure(res);
        List<String> segments;
        try {
            segments = segments(req.path().rawPath().substring("/badge/".length()));
        } catch (IllegalArgumentException e) {
            text(res, Status.BAD_REQUEST_400, "the path is not valid percent-encoded UTF-8");
            return;
        }
        boolean json = Badges.wantsJson(segments);
        Badge badge;
        try {
            badge = badges.badge(segments);
        } catch (WebException e) {
            if (e.status() != 404 || json) {
                text(res, Status.create(e.status()), e.getMessage());
                return;
            }
            // an image tag shows a 404 badge rather than a broken image
            res.status(Status.NOT_FOUND_404);
            badge = new Badge("badge", "not found", PublicState.UNKNOWN.hex);
        }
        // badges are embedded in other sites' pages: short cache so they stay current
        res.header(HeaderNames.CACHE_CONTROL, "max-age=30");
        res.header(HeaderValues.create("Access-Control-Allow-Origin", "*"));
        if (json) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(badge.shields());
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "image/svg+xml; charset=utf-8");
            res.send(badge.svg());
        }
    }

    /** The raw path's segments, each percent-decoded, so a name holding {@code %2F} stays one segment. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            // '+' is a plus sign in a path, not a space
            segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }

    private static void secure(ServerResponse res) {
        res.header(HeaderValues.create("Content-Security-Policy", CSP));
        res.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        res.header(HeaderValues.create("Referrer-Policy", "no-referrer"));
    }

    private static void text(ServerResponse res, Status status, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(message + "\n");
    }

    private record Rendered(long atNanos, String html) {
    }

    /** Collects what the pages need. Not thread-safe. */
    public static final class Builder {
        private Engine engine;
        private Storage storage;
        private WebSettings settings = WebSettings.none();
        private UptimeHistory uptime;
        private boolean protectedReads;
        private InstantSource wall = InstantSource.system();
        private LongSupplier nanos = System::nanoTime;

        private Builder() {
        }

        /**
         * The engine whose monitors the pages show.
         *
         * @param engine the running engine
         * @return this builder
         */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * The store whose incidents the status pages show.
         *
         * @param storage the open store; never closed here
         * @return this builder
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * The status pages; none unless set.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(WebSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Where uptime is read; the check history in storage unless set.
         *
         * @param uptime the history
         * @return this builder
         */
        public Builder uptime(UptimeHistory uptime) {
            this.uptime = Objects.requireNonNull(uptime, "uptime");
            return this;
        }

        /**
         * Whether the API's reads need the token; badges then show only what status pages show.
         *
         * @param protectedReads {@code cpra.api.protect-reads}
         * @return this builder
         */
        public Builder protectedReads(boolean protectedReads) {
            this.protectedReads = protectedReads;
            return this;
        }

        /**
         * The clocks: the wall clock that stamps pages, and the monotonic one that ages them.
         *
         * @param wall  the wall clock
         * @param nanos the monotonic clock
         * @return this builder
         */
        public Builder clocks(InstantSource wall, LongSupplier nanos) {
            this.wall = Objects.requireNonNull(wall, "wall");
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /**
         * Builds the pages, reading the dashboard's files.
         *
         * @return the pages
         */
        public WebPages build() {
            Objects.requireNonNull(engine, "engine is required");
            Objects.requireNonNull(storage, "storage is required");
            return new WebPages(this);
        }
    }
}
