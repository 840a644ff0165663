package io.cpra.bench.realtarget;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples from Prometheus' text format, keyed {@code name{label="value",...}} with the labels in
 * alphabetical order and Helidon's {@code scope} label left out, so that
 * {@code cpra_checks_by_type_total{status="critical",type="http"}} names one sample. Immutable.
 */
final class Prometheus {

    private final Map<String, Double> samples;

    private Prometheus(Map<String, Double> samples) {
        this.samples = samples;
    }

    static Prometheus parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            try {
                samples.put(key(line.substring(0, space).trim()), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException notASample) {
                // skip it
            }
        }
        return new Prometheus(samples);
    }

    /** Sorts the labels and drops {@code scope}; label values hold no commas in cpra's metrics. */
    private static String key(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        String[] labels = series.substring(brace + 1, series.lastIndexOf('}')).split(",");
        String kept = Arrays.stream(labels).map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("scope="))
                .sorted().reduce((a, b) -> a + "," + b).orElse("");
        return kept.isEmpty() ? series.substring(0, brace) : series.substring(0, brace) + "{" + kept + "}";
    }

    /**
     * @param series a key, such as {@code cpra_checks_total} or {@code cpra_pool_limit{pool="pulse"}}
     * @return its value, 0 when absent
     */
    double get(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** @return the value of the series now less its value in {@code before} */
    double since(Prometheus before, String series) {
        return get(series) - before.get(series);
    }
}
