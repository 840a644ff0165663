package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Durations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any valid manifest, written with any of the accepted spellings, reads back as the monitors it
 * describes, with the documented defaults filled in.
 */
class RoundTripPropertyTest {

    /** A monitor as a test writes it: empty optionals are left out of the YAML. */
    record Spec(String name, Optional<Boolean> enabled, List<String> groups, List<String> pulseGroups,
                boolean pulseCheckSpelling, long intervalMs, Optional<Long> timeoutMs, boolean maxFailuresSpelling,
                Optional<Integer> unhealthy, Optional<Integer> healthy, String host, int port,
                Optional<InterventionSpec> intervention, Map<Colour, CodeSpec> codes, boolean flow) {
    }

    record InterventionSpec(Optional<Integer> attempts, boolean retriesSpelling, Optional<Long> timeoutS,
                            Optional<Long> backoffS, Optional<Integer> verify, boolean targetSpelling, String url) {
    }

    record CodeSpec(Optional<Boolean> dispatch, Optional<Long> cooldownS, String file) {
    }

    @Property(tries = 200)
    void validManifestsRoundTrip(@ForAll("manifests") List<Spec> specs) {
        String yaml = render(specs);
        List<MonitorDefinition> read = new ArrayList<>();
        ManifestResult result = Manifests.read(yaml, read);
        assertThat(result.errors()).as(yaml).isEmpty();
        assertThat(read).hasSize(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            expectMatch(specs.get(i), read.get(i), yaml);
        }
        assertThat(result.monitors()).isEqualTo(specs.size());
        assertThat(result.disabled()).isEqualTo(specs.stream().filter(s -> !s.enabled().orElse(true)).count());
    }

    private static void expectMatch(Spec s, MonitorDefinition m, String yaml) {
        assertThat(m.name()).as(yaml).isEqualTo(s.name());
        assertThat(m.enabled()).isEqualTo(s.enabled().orElse(true));
        LinkedHashSet<String> groups = new LinkedHashSet<>(s.groups());
        groups.addAll(s.pulseGroups());
        assertThat(m.groups()).containsExactlyElementsOf(groups);
        Duration interval = Duration.ofMillis(s.intervalMs());
        assertThat(m.pulse().key()).isEqualTo(s.pulseCheckSpelling() ? "pulse_check" : "pulse");
        assertThat(m.pulse().interval()).isEqualTo(interval);
        Duration defaultTimeout = interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10);
        assertThat(m.pulse().timeout()).isEqualTo(s.timeoutMs().map(Duration::ofMillis).orElse(defaultTimeout));
        assertThat(m.pulse().unhealthyThreshold()).isEqualTo(s.unhealthy().orElse(1));
        assertThat(m.pulse().healthyThreshold()).isEqualTo(s.healthy().orElse(2));
        assertThat(m.pulse().config()).isEqualTo(Map.of("host", s.host(), "port", s.port()));
        assertThat(m.intervention().isPresent()).isEqualTo(s.intervention().isPresent());
        s.intervention().ifPresent(i -> assertThat(m.intervention().orElseThrow()).isEqualTo(
                new MonitorDefinition.Intervention("webhook", i.attempts().orElse(1),
                        Duration.ofSeconds(i.timeoutS().orElse(60L)), Duration.ofSeconds(i.backoffS().orElse(5L)),
                        i.verify().orElse(s.healthy().orElse(2)), i.targetSpelling() ? "target" : "config",
                        Map.of("url", i.url()))));
        EnumMap<Colour, MonitorDefinition.Code> codes = new EnumMap<>(Colour.class);
        s.codes().forEach((colour, c) -> codes.put(colour, new MonitorDefinition.Code(colour,
                c.dispatch().orElse(true), "log", c.cooldownS().map(Duration::ofSeconds), Map.of("file", c.file()))));
        assertThat(m.codes()).isEqualTo(codes);
    }

    // ---- generators ---------------------------------------------------------------------

    @Provide
    Arbitrary<List<Spec>> manifests() {
        return spec().list().ofMaxSize(8).uniqueElements(Spec::name);
    }

    private static Arbitrary<Spec> spec() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019._:@/-").ofMinLength(1).ofMaxLength(40)
                .filter(name -> !name.equals(".") && !name.equals(".."));
        Arbitrary<List<String>> groups = text().list().ofMaxSize(3);
        Arbitrary<Long> interval = Arbitraries.longs().between(100, 86_400_000);
        return Builders.withBuilder(() -> new SpecBuilder())
                .use(names).in((b, v) -> b.with(0, v))
                .use(Arbitraries.of(true, false).optional()).in((b, v) -> b.with(1, v))
                .use(groups).in((b, v) -> b.with(2, v))
                .use(groups).in((b, v) -> b.with(3, v))
                .use(Arbitraries.of(true, false)).in((b, v) -> b.with(4, v))
                .use(interval).in((b, v) -> b.with(5, v))
                .use(Arbitraries.doubles().between(0.001, 1).ofScale(4).optional()).in((b, v) -> b.with(6, v))
                .use(Arbitraries.of(true, false)).in((b, v) -> b.with(7, v))
                .use(Arbitraries.integers().between(1, 100).optional()).in((b, v) -> b.with(8, v))
                .use(Arbitraries.integers().between(1, 100).optional()).in((b, v) -> b.with(9, v))
                .use(text()).in((b, v) -> b.with(10, v))
                .use(Arbitraries.integers().between(0, 65_535)).in((b, v) -> b.with(11, v))
                .use(intervention().optional()).in((b, v) -> b.with(12, v))
                .use(codes()).in((b, v) -> b.with(13, v))
                .use(Arbitraries.of(true, false)).in((b, v) -> b.with(14, v))
                .build(SpecBuilder::build);
    }

    private static Arbitrary<InterventionSpec> intervention() {
        Arbitrary<Optional<Integer>> count = Arbitraries.integers().between(1, 10).optional();
        Arbitrary<Optional<Long>> seconds = Arbitraries.longs().between(1, 3_600).optional();
        return Combinators.combine(count, Arbitraries.of(true, false), seconds, seconds, count,
                Arbitraries.of(true, false), text()).as(InterventionSpec::new);
    }

    private static Arbitrary<Map<Colour, CodeSpec>> codes() {
        Arbitrary<CodeSpec> code = Combinators.combine(Arbitraries.of(true, false).optional(),
                Arbitraries.longs().between(0, 86_400).optional(), text()).as(CodeSpec::new);
        return Arbitraries.maps(Arbitraries.of(Colour.class), code).ofMaxSize(5);
    }

    /** Text that needs quoting as often as not: colons, hashes, quotes, leading dashes, numbers, unicode. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().withChars("abc:#-'\"\\ {}[]&*!|>%@`,?\u00e9\u4e2d").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("yes", "no", "on", "off", "true", "null", "~", "1", "0x1F", "1.5", ".inf", "<<"))
                .filter(s -> !s.isBlank());
    }

    /** Collects the fifteen values of a {@link Spec}. */
    private static final class SpecBuilder {
        private final Object[] values = new Object[15];

        @SuppressWarnings("unused")
        SpecBuilder with(int index, Object value) {
            values[index] = value;
            return this;
        }

        @SuppressWarnings("unchecked")
        Spec build() {
            long intervalMs = (Long) values[5];
            Optional<Long> timeout = ((Optional<Double>) values[6]).map(f -> Math.max(1, (long) (intervalMs * f)));
            return new Spec((String) values[0], (Optional<Boolean>) values[1], (List<String>) values[2],
                    (List<String>) values[3], (Boolean) values[4], intervalMs, timeout, (Boolean) values[7],
                    (Optional<Integer>) values[8], (Optional<Integer>) values[9], (String) values[10],
                    (Integer) values[11], (Optional<InterventionSpec>) values[12],
                    (Map<Colour, CodeSpec>) values[13], (Boolean) values[14]);
        }
    }

    // ---- rendering ----------------------------------------------------------------------

    private static final String[] TRUE = {"true", "yes", "on", "True", "YES"};
    private static final String[] FALSE = {"false", "no", "off", "False", "OFF"};

    static String render(List<Spec> specs) {
        StringBuilder y = new StringBuilder("monitors:\n");
        if (specs.isEmpty()) {
            return "monitors: []\n";
        }
        for (Spec s : specs) {
            int variant = Math.floorMod(s.name().hashCode(), 5);
            y.append("  - name: ").append(quote(s.name())).append('\n');
            s.enabled().ifPresent(e -> y.append("    enabled: ").append(e ? TRUE[variant] : FALSE[variant]).append('\n'));
            if (!s.groups().isEmpty()) {
                y.append("    groups: ").append(flowList(s.groups())).append('\n');
            }
            y.append("    ").append(s.pulseCheckSpelling() ? "pulse_check" : "pulse").append(":\n");
            y.append("      type: tcp\n");
            y.append("      interval: ").append(Durations.format(Duration.ofMillis(s.intervalMs()))).append('\n');
            s.timeoutMs().ifPresent(t -> y.append("      timeout: ").append(Durations.format(Duration.ofMillis(t))).append('\n'));
            s.unhealthy().ifPresent(u -> y.append("      ").append(s.maxFailuresSpelling() ? "max_failures" : "unhealthy_threshold")
                    .append(": ").append(u).append('\n'));
            s.healthy().ifPresent(h -> y.append("      healthy_threshold: ").append(h).append('\n'));
            if (!s.pulseGroups().isEmpty()) {
                y.append("      groups:\n");
                s.pulseGroups().forEach(g -> y.append("        - ").append(quote(g)).append('\n'));
            }
            if (s.flow()) {
                y.append("      config: {host: ").append(quote(s.host())).append(", port: ").append(s.port()).append("}\n");
            } else {
                y.append("      config:\n        host: ").append(quote(s.host())).append("\n        port: ")
                        .append(s.port()).append('\n');
            }
            s.intervention().ifPresent(i -> {
                y.append("    intervention:\n      action: webhook\n");
                i.attempts().ifPresent(a -> y.append("      ").append(i.retriesSpelling() ? "retries" : "max_failures")
                        .append(": ").append(a).append('\n'));
                i.timeoutS().ifPresent(t -> y.append("      timeout: ").append(t).append("s\n"));
                i.backoffS().ifPresent(b -> y.append("      backoff: ").append(Durations.format(Duration.ofSeconds(b))).append('\n'));
                i.verify().ifPresent(v -> y.append("      verify: ").append(v).append('\n'));
                y.append("      ").append(i.targetSpelling() ? "target" : "config").append(":\n        url: ")
                        .append(quote(i.url())).append('\n');
            });
            if (!s.codes().isEmpty()) {
                y.append("    codes:\n");
                s.codes().forEach((colour, c) -> {
                    y.append("      ").append(colour.key()).append(":\n");
                    c.dispatch().ifPresent(d -> y.append("        dispatch: ").append(d ? TRUE[variant] : FALSE[variant]).append('\n'));
                    y.append("        notify: log\n");
                    c.cooldownS().ifPresent(t -> y.append("        cooldown: ").append(Durations.format(Duration.ofSeconds(t))).append('\n'));
                    y.append("        config: {file: ").append(quote(c.file())).append("}\n");
                });
            }
        }
        return y.toString();
    }

    private static String flowList(List<String> items) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add(quote(i)));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A YAML double-quoted scalar; its escapes are a superset of JSON's. */
    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < ' ') {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
