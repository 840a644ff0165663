package io.cpra.core.web;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One public status page as configured under {@code cpra.status-pages}: where it is served,
 * what it is called and which services it shows, in order. Immutable.
 *
 * @param slug         the page's path segment: {@code /status/{slug}}; lower-case letters, digits and dashes
 * @param title        the page's heading and window title
 * @param logoText     short text shown as the page's logo; the title when not set
 * @param showMessages whether the page may show check and incident messages (they can hold
 *                     hosts, URLs or error text): false unless set
 * @param services     what the page lists, in order; at least one
 */
public record StatusPageSettings(String slug, String title, String logoText, boolean showMessages,
                                 List<Service> services) {

    /** What a slug may be: it is a URL path segment and a file-name-like handle. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Checks the values; the config reader has already named the key of any problem. */
    public StatusPageSettings {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        logoText = logoText == null || logoText.isBlank() ? title : logoText;
        services = List.copyOf(services);
    }

    /**
     * One entry of a page: a single monitor or every monitor of a group.
     *
     * @param monitor the monitor's name, or {@code null} for a group entry
     * @param group   the group's name, or {@code null} for a monitor entry
     * @param label   what the page calls it in place of its name, or {@code null} to show the name
     */
    public record Service(String monitor, String group, String label) {

        /** Exactly one of monitor and group. */
        public Service {
            if ((monitor == null) == (group == null)) {
                throw new IllegalArgumentException("give either monitor or group");
            }
        }

        /** @return the name the page shows */
        public String shownName() {
            return label != null ? label : monitor != null ? monitor : group;
        }
    }
}
