package io.cpra.core.web;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the web pages need from configuration: the public status pages ({@code cpra.status-pages}).
 * Read once at start; a bad entry stops the start with one line naming its key. Immutable.
 *
 * <pre>
 * cpra:
 *   status-pages:
 *     - slug: demo                 # served at /status/demo
 *       title: Demo services
 *       logo-text: cpra            # optional; the title when not set
 *       show-messages: false       # optional; check and incident messages stay private unless true
 *       services:                  # in the order shown
 *         - group: demo
 *         - monitor: cpra-self
 *           label: This server     # optional; shown in place of the monitor's name
 * </pre>
 *
 * @param statusPages the pages, in configuration order; slugs are unique
 */
public record WebSettings(List<StatusPageSettings> statusPages) {

    private static final Set<String> PAGE_KEYS = Set.of("slug", "title", "logo-text", "show-messages", "services");
    private static final Set<String> SERVICE_KEYS = Set.of("monitor", "group", "label");

    /** Copies the list. */
    public WebSettings {
        statusPages = List.copyOf(statusPages);
    }

    /**
     * No status pages.
     *
     * @return the settings
     */
    public static WebSettings none() {
        return new WebSettings(List.of());
    }

    /**
     * Reads {@code status-pages} under the given node.
     *
     * @param cpra the {@code cpra} node of the configuration
     * @return the settings
     * @throws ConfigException naming the key path of the first problem
     */
    public static WebSettings from(Config cpra) {
        Config pages = cpra.get("status-pages");
        if (!pages.exists()) {
            return none();
        }
        if (pages.type() != Config.Type.LIST) {
            throw new ConfigException(pages.key() + ": must be a list of status pages, each with slug, title and services");
        }
        List<StatusPageSettings> read = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (Config page : pages.asNodeList().get()) {
            StatusPageSettings settings = page(page);
            if (!slugs.add(settings.slug())) {
                throw new ConfigException(page.get("slug").key() + ": another status page already has the slug \""
                        + settings.slug() + "\"");
            }
            read.add(settings);
        }
        return new WebSettings(read);
    }

    private static StatusPageSettings page(Config page) {
        unknownKeys(page, PAGE_KEYS);
        String slug = required(page.get("slug"));
        if (!StatusPageSettings.SLUG.matcher(slug).matches()) {
            throw new ConfigException(page.get("slug").key() + ": must be lower-case letters, digits and dashes"
                    + " (at most 63, starting with a letter or digit), got \"" + slug + "\"");
        }
        String title = required(page.get("title"));
        Config services = page.get("services");
        if (services.type() != Config.Type.LIST || services.asNodeList().get().isEmpty()) {
            throw new ConfigException(services.key() + ": required: a list of entries, each {monitor: name} or {group: name}");
        }
        List<StatusPageSettings.Service> entries = new ArrayList<>();
        for (Config service : services.asNodeList().get()) {
            unknownKeys(service, SERVICE_KEYS);
            String monitor = service.get("monitor").asString().orElse(null);
            String group = service.get("group").asString().orElse(null);
            if ((monitor == null) == (group == null)) {
                throw new ConfigException(service.key() + ": give either monitor or group (one of them, not both)");
            }
            entries.add(new StatusPageSettings.Service(monitor, group, service.get("label").asString().orElse(null)));
        }
        return new StatusPageSettings(slug, title, page.get("logo-text").asString().orElse(null),
                page.get("show-messages").asBoolean().orElse(false), entries);
    }

    private static String required(Config key) {
        String value = key.asString().map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw new ConfigException(key.key() + ": required");
        }
        return value;
    }

    private static void unknownKeys(Config node, Set<String> known) {
        if (node.type() != Config.Type.OBJECT) {
            throw new ConfigException(node.key() + ": must be a map with the keys " + new java.util.TreeSet<>(known));
        }
        for (Config child : node.asNodeList().get()) {
            if (!known.contains(child.name())) {
                throw new ConfigException(child.key() + ": unknown key; accepted: " + String.join(", ",
                        new java.util.TreeSet<>(known)));
            }
        }
    }
}
