package io.cpra.core.web;

import io.cpra.core.engine.MonitorView;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The badges: {@code /badge/{monitor|group}/{name}/{status|response-time}.{svg|json}} and
 * {@code /badge/{monitor|group}/{name}/uptime/{window}.{svg|json}}, {@code .json} being a
 * shields.io endpoint document.
 *
 * <p>Who may see one: while reads are open, any monitor or group; while they are protected
 * ({@code cpra.api.protect-reads}), only the monitors and groups some status page shows (a
 * monitor of a group a page lists included) — a badge is as public as the page it could sit on. Anything else answers 404 as an unknown name
 * would, so a badge tells no one which monitors exist. Thread-safe (stateless between calls).
 */
final class Badges {

    /** Windows an uptime badge may cover, as in the history's queries. */
    static final Map<String, Duration> WINDOWS = Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7), "30d", Duration.ofDays(30), "90d", Duration.ofDays(90), "1y", Duration.ofDays(365));
    /** Members of a group a badge reads. */
    static final int GROUP_CAP = 1000;

    private static final String NO_DATA_HEX = "#9e9e9e";

    private final Reads reads;
    private final UptimeHistory uptime;
    private final boolean protectedReads;
    private final Set<String> publicMonitors;
    private final Set<String> publicGroups;

    Badges(Reads reads, UptimeHistory uptime, boolean protectedReads, WebSettings settings) {
        this.reads = reads;
        this.uptime = uptime;
        this.protectedReads = protectedReads;
        this.publicMonitors = settings.statusPages().stream().flatMap(page -> page.services().stream())
                .map(StatusPageSettings.Service::monitor).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.publicGroups = settings.statusPages().stream().flatMap(page -> page.services().stream())
                .map(StatusPageSettings.Service::group).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The badge a path names.
     *
     * @param segments the decoded segments after {@code /badge/}: kind, name, then the badge
     * @return the badge
     * @throws WebException 404 for an unknown path, monitor or group, or one not public
     */
    Badge badge(List<String> segments) {
        if (segments.size() < 3 || segments.size() > 4) {
            throw notFound();
        }
        String kind = segments.get(0);
        String name = segments.get(1);
        String what = stem(segments.get(segments.size() - 1));
        List<MonitorView> members = members(kind, name);
        if (segments.size() == 4) {
            if (!segments.get(2).equals("uptime")) {
                throw notFound();
            }
            Duration window = WINDOWS.get(what);
            if (window == null) {
                throw new WebException(404, "no such badge: the uptime windows are " + String.join(", ",
                        new java.util.TreeSet<>(WINDOWS.keySet())));
            }
            return uptime(members, what, window);
        }
        return switch (what) {
            case "status" -> status(name, members, kind.equals("group"));
            case "response-time" -> responseTime(members);
            default -> throw notFound();
        };
    }

    /** Whether the path asks for the shields.io document rather than the image. */
    static boolean wantsJson(List<String> segments) {
        return !segments.isEmpty() && segments.get(segments.size() - 1).endsWith(".json");
    }

    private List<MonitorView> members(String kind, String name) {
        switch (kind) {
            case "monitor" -> {
                MonitorView view = reads.monitor(name).orElseThrow(Badges::notFound);
                // a monitor is public when a page names it or one of its groups
                if (protectedReads && !publicMonitors.contains(name)
                        && view.groups().stream().noneMatch(publicGroups::contains)) {
                    throw notFound();
                }
                return List.of(view);
            }
            case "group" -> {
                if (protectedReads && !publicGroups.contains(name)) {
                    throw notFound();
                }
                List<MonitorView> members = reads.group(name, GROUP_CAP).monitors();
                if (members.isEmpty()) {
                    throw notFound();
                }
                return members;
            }
            default -> throw notFound();
        }
    }

    private static Badge status(String name, List<MonitorView> members, boolean group) {
        PublicState state = PublicState.UNKNOWN;
        for (MonitorView view : members) {
            state = state.worse(PublicState.of(view));
        }
        String message = switch (state) {
            case OPERATIONAL -> "up";
            default -> state.word.toLowerCase(Locale.ROOT);
        };
        return new Badge(group ? name + " (" + members.size() + ")" : name, message, state.hex);
    }

    private static Badge responseTime(List<MonitorView> members) {
        long sum = 0;
        int counted = 0;
        for (MonitorView view : members) {
            if (view.lastStatus() != null) {
                sum += view.lastLatencyMicros();
                counted++;
            }
        }
        if (counted == 0) {
            return new Badge("response time", "no data", NO_DATA_HEX);
        }
        long micros = sum / counted;
        String hex = micros < 300_000 ? "#2e7d32" : micros < 1_000_000 ? "#b26a00" : "#c62828";
        return new Badge("response time", millis(micros), hex);
    }

    private Badge uptime(List<MonitorView> members, String label, Duration window) {
        double sum = 0;
        int counted = 0;
        for (MonitorView view : members) {
            OptionalDouble fraction = uptime.uptime(view.name(), window);
            if (fraction.isPresent()) {
                sum += fraction.getAsDouble();
                counted++;
            }
        }
        if (counted == 0) {
            return new Badge("uptime " + label, "no data", NO_DATA_HEX);
        }
        double fraction = sum / counted;
        String hex = fraction >= 0.999 ? "#2e7d32" : fraction >= 0.99 ? "#558b2f" : fraction >= 0.95 ? "#b26a00" : "#c62828";
        return new Badge("uptime " + label, String.format(Locale.ROOT, "%.2f%%", fraction * 100), hex);
    }

    /** Latency in words: {@code <1 ms}, {@code 42 ms}, {@code 1.25 s}. */
    static String millis(long micros) {
        if (micros < 1_000) {
            return "<1 ms";
        }
        if (micros < 10_000_000) {
            return micros / 1_000 + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }

    private static String stem(String file) {
        if (file.endsWith(".svg")) {
            return file.substring(0, file.length() - 4);
        }
        if (file.endsWith(".json")) {
            return file.substring(0, file.length() - 5);
        }
        throw notFound();
    }

    private static WebException notFound() {
        return new WebException(404, "no such badge");
    }
}
