package io.cpra.core.web;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cpra.status-pages}: what it accepts, and the one-line error naming the key of what it refuses. */
class WebSettingsTest {

    static WebSettings read(String yaml) {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(yaml, io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML)).build();
        return WebSettings.from(config.get("cpra"));
    }

    @Test
    void aPageKeepsItsServicesInOrderWithLabels() {
        WebSettings settings = read("""
                cpra:
                  status-pages:
                    - slug: public-web
                      title: Our services
                      services:
                        - group: web
                        - monitor: api-eu
                          label: API (Europe)
                """);

        StatusPageSettings page = settings.statusPages().getFirst();
        assertThat(page.slug()).isEqualTo("public-web");
        assertThat(page.logoText()).isEqualTo("Our services");
        assertThat(page.showMessages()).isFalse();
        assertThat(page.services()).extracting(StatusPageSettings.Service::shownName).containsExactly("web", "API (Europe)");
    }

    @Test
    void noPagesIsFine() {
        assertThat(read("cpra:\n  data: data\n").statusPages()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            slug: Big Page    | cpra.status-pages.0.slug: must be lower-case letters, digits and dashes (at most 63, starting with a letter or digit), got "Big Page"
            colour: red       | cpra.status-pages.0.colour: unknown key; accepted: logo-text, services, show-messages, slug, title
            services: []      | cpra.status-pages.0.services: required: a list of entries, each {monitor: name} or {group: name}
            """)
    void aBadPageIsRefusedNamingTheKey(String extra, String error) {
        String page = extra.startsWith("slug") || extra.startsWith("services")
                ? "    - title: T\n      " + extra + (extra.startsWith("slug") ? "\n      services: [{group: g}]" : "\n      slug: ok") + "\n"
                : "    - slug: ok\n      title: T\n      services: [{group: g}]\n      " + extra + "\n";
        assertThatThrownBy(() -> read("cpra:\n  status-pages:\n" + page))
                .isInstanceOf(ConfigException.class).hasMessage(error);
    }

    @Test
    void anEntryNeedsExactlyOneOfMonitorAndGroup() {
        assertThatThrownBy(() -> read("""
                cpra:
                  status-pages:
                    - slug: a
                      title: A
                      services:
                        - monitor: m
                          group: g
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("cpra.status-pages.0.services.0: give either monitor or group (one of them, not both)");
    }

    @Test
    void twoPagesMayNotShareASlug() {
        assertThatThrownBy(() -> read("""
                cpra:
                  status-pages:
                    - {slug: a, title: A, services: [{group: g}]}
                    - {slug: a, title: B, services: [{group: h}]}
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("cpra.status-pages.1.slug: another status page already has the slug \"a\"");
    }
}
