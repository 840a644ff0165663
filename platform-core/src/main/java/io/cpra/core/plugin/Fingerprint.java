package io.cpra.core.plugin;

import io.cpra.core.manifest.MonitorDefinition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 64-bit hash of everything a monitor's definition says, so a reload can tell an unchanged
 * monitor (keep its state and schedule) from a changed one without keeping definitions in
 * memory. FNV-1a over a canonical walk of the definition: map entries in key order, each value
 * tagged with its kind, so {@code port: 80} and {@code port: "80"} differ.
 */
final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    private Fingerprint() {
    }

    static long of(MonitorDefinition definition) {
        Fingerprint f = new Fingerprint();
        f.text(definition.name()).bool(definition.enabled()).value(definition.groups());
        if (!definition.dependsOn().isEmpty()) {
            // only when present, so that fingerprints stored before depends_on existed still match
            f.text("depends_on").value(definition.dependsOn());
        }
        MonitorDefinition.Pulse pulse = definition.pulse();
        f.text(pulse.type()).text(pulse.interval().toString()).text(pulse.timeout().toString())
                .number(pulse.unhealthyThreshold()).number(pulse.healthyThreshold()).value(pulse.config());
        Optional<MonitorDefinition.Intervention> intervention = definition.intervention();
        f.bool(intervention.isPresent());
        intervention.ifPresent(i -> f.text(i.type()).number(i.attempts()).text(i.timeout().toString())
                .text(i.backoff().toString()).number(i.verify()).value(i.config()));
        intervention.ifPresent(i -> i.budgets().forEach(b -> f.text(b.name()).number(b.concurrent()).number(b.max())
                .text(String.valueOf(b.per())).text(b.maxWait().toString())));
        definition.codes().forEach((colour, code) -> f.text(colour.key()).bool(code.dispatch()).text(code.type())
                .text(code.cooldown().map(Object::toString).orElse("-")).value(code.config()));
        return f.hash;
    }

    private Fingerprint text(String s) {
        tag('s');
        for (int i = 0; i < s.length(); i++) {
            mix(s.charAt(i));
        }
        return tag(';');
    }

    private Fingerprint number(long n) {
        tag('n');
        for (int i = 0; i < 8; i++) {
            mix((int) (n >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    private Fingerprint bool(boolean b) {
        return tag(b ? 'T' : 'F');
    }

    private Fingerprint value(Object value) {
        switch (value) {
            case null -> tag('0');
            case String s -> text(s);
            case Boolean b -> bool(b);
            case Map<?, ?> map -> {
                tag('{');
                map.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))))
                        .forEach(e -> text(String.valueOf(e.getKey())).value(e.getValue()));
                tag('}');
            }
            case List<?> list -> {
                tag('[');
                list.forEach(this::value);
                tag(']');
            }
            default -> tag('#').text(value.toString());
        }
        return this;
    }

    private Fingerprint tag(char c) {
        mix(c);
        return this;
    }

    private void mix(int c) {
        hash = (hash ^ c) * PRIME;
    }
}
