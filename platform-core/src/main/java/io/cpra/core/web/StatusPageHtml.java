package io.cpra.core.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a {@link StatusPage} as one HTML document with no script: it reads well with
 * scripts off, in a text browser and to a screen reader. Every state is a word with an icon,
 * the colour only repeats it. Styles come from {@code /ui/assets/status.css}. No instances.
 */
final class StatusPageHtml {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatusPageHtml() {
    }

    static String render(StatusPage page) {
        StringBuilder html = new StringBuilder(8192);
        String title = Markup.escape(page.settings().title());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"60\">")
                .append("<title>").append(title).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/ui/assets/status.css\"></head><body>\n")
                .append("<header><span class=\"logo\">").append(Markup.escape(page.settings().logoText()))
                .append("</span><h1>").append(title).append("</h1></header>\n<main>\n");
        html.append("<section class=\"overall overall-").append(page.overall().css).append("\" id=\"overall\">")
                .append(icon(page.overall())).append("<span>").append(overall(page.overall())).append("</span></section>\n");
        if (!page.open().isEmpty()) {
            html.append("<section class=\"incidents open\" id=\"open-incidents\"><h2>Open incidents</h2><ul>");
            for (StatusPage.Incident incident : page.open()) {
                incident(html, incident);
            }
            html.append("</ul></section>\n");
        }
        if (!page.maintenance().isEmpty()) {
            html.append("<section class=\"maintenance\" id=\"maintenance\"><h2>Maintenance</h2><ul>");
            for (StatusPage.Service service : page.maintenance()) {
                html.append("<li>").append(icon(PublicState.MAINTENANCE)).append(' ')
                        .append(Markup.escape(service.name())).append(" &mdash; ")
                        .append(service.maintenanceUntil() == null ? "until further notice"
                                : "until " + WHEN.format(service.maintenanceUntil()))
                        .append("</li>");
            }
            html.append("</ul></section>\n");
        }
        html.append("<section class=\"services\" id=\"services\">");
        if (!page.history()) {
            html.append("<p class=\"note\">No history yet: daily uptime bars appear once cpra has recorded checks.</p>");
        }
        for (StatusPage.Section section : page.sections()) {
            html.append("<div class=\"section\">");
            if (section.heading() != null) {
                html.append("<h2 class=\"group\">").append(Markup.escape(section.heading())).append(' ')
                        .append(badge(section.state())).append("</h2>");
            }
            html.append("<ul class=\"service-list\">");
            for (StatusPage.Service service : section.services()) {
                service(html, service, page.at());
            }
            if (section.services().isEmpty()) {
                html.append("<li class=\"service\"><span class=\"name\">No monitors in this group</span></li>");
            }
            if (section.more()) {
                html.append("<li class=\"service more\">and more monitors not listed here</li>");
            }
            html.append("</ul></div>");
        }
        html.append("</section>\n<section class=\"incidents past\" id=\"past-incidents\"><h2>Past incidents</h2>");
        if (page.past().isEmpty()) {
            html.append("<p class=\"note\">No incidents recorded.</p>");
        } else {
            html.append("<ul>");
            for (StatusPage.Incident incident : page.past()) {
                incident(html, incident);
            }
            html.append("</ul>");
        }
        html.append("</section>\n</main><footer>Updated ").append(WHEN.format(page.at()))
                .append(" &middot; refreshes every minute &middot; powered by cpra</footer>\n</body></html>\n");
        return html.toString();
    }

    private static void service(StringBuilder html, StatusPage.Service service, Instant now) {
        html.append("<li class=\"service\"><div class=\"row\"><span class=\"name\">")
                .append(Markup.escape(service.name())).append("</span>").append(badge(service.state())).append("</div>");
        Optional<double[]> days = service.days();
        if (days.isPresent()) {
            double[] fractions = days.get();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            html.append("<div class=\"bars\" role=\"img\" aria-label=\"daily uptime over the last ")
                    .append(fractions.length).append(" days\">");
            double sum = 0;
            int counted = 0;
            for (int i = 0; i < fractions.length; i++) {
                LocalDate day = today.minusDays(fractions.length - 1 - i);
                double fraction = fractions[i];
                String css = Double.isNaN(fraction) ? "none" : fraction >= 0.999 ? "up" : fraction >= 0.95 ? "partial" : "down";
                String text = Double.isNaN(fraction) ? "no checks" : percent(fraction) + " up";
                if (!Double.isNaN(fraction)) {
                    sum += fraction;
                    counted++;
                }
                html.append("<span class=\"bar ").append(css).append("\" title=\"").append(day).append(": ")
                        .append(text).append("\"></span>");
            }
            html.append("</div><div class=\"bars-legend\"><span>").append(fractions.length).append(" days ago</span><span>")
                    .append(counted == 0 ? "no checks" : percent(sum / counted) + " uptime")
                    .append("</span><span>today</span></div>");
        }
        html.append("</li>");
    }

    private static void incident(StringBuilder html, StatusPage.Incident incident) {
        html.append("<li><span class=\"when\">").append(WHEN.format(incident.openedAt()));
        if (incident.closedAt() != null) {
            html.append(" &ndash; ").append(WHEN.format(incident.closedAt()));
        }
        html.append("</span> <strong>").append(Markup.escape(incident.service())).append("</strong> ")
                .append(incident.closedAt() == null ? badge(PublicState.DOWN) : "<span class=\"resolved\">\u2713 Resolved</span>");
        if (incident.cause() != null) {
            html.append("<div class=\"cause\">").append(Markup.escape(incident.cause())).append("</div>");
        }
        html.append("</li>");
    }

    private static String badge(PublicState state) {
        return "<span class=\"state state-" + state.css + "\">" + icon(state) + " " + state.word + "</span>";
    }

    private static String icon(PublicState state) {
        return "<span class=\"icon\" aria-hidden=\"true\">" + state.icon + "</span>";
    }

    private static String overall(PublicState state) {
        return switch (state) {
            case OPERATIONAL -> "All systems operational";
            case DEGRADED -> "Some systems degraded";
            case DOWN -> "Major outage";
            case MAINTENANCE -> "Under maintenance";
            case PAUSED -> "Monitoring paused";
            case UNKNOWN -> "Status unknown";
        };
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }
}
