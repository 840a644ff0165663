package io.cpra.bench.realtarget;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples from Prometheus' text format, keyed {@code name{label="value",...}} with the labels in
 * alphabetical order and Helidon's {@code scope} label left out, so that
 * {@code cpra_checks_total{status="critical",type="http"}} names one sample. Immutable.
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

    /**
     * @param name   a metric's name, such as {@code cpra_checks_total}
     * @param labels labels each summed series must have, such as {@code status="ok"}
     * @return the sum of every series of that name with those labels (whatever its others)
     */
    double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            if (matches(sample.getKey(), name, labels)) {
                total += sample.getValue();
            }
        }
        return total;
    }

    /** @return {@link #sum} now less its value in {@code before} */
    double sumSince(Prometheus before, String name, String... labels) {
        return sum(name, labels) - before.sum(name, labels);
    }

    /**
     * A quantile of what a histogram counted between {@code before} and now, as Prometheus'
     * {@code histogram_quantile} would give it without interpolation: the upper bound of the
     * first bucket that holds it.
     *
     * @param name     the histogram's name without {@code _bucket}, such as {@code cpra_pool_start_lateness_seconds}
     * @param quantile between 0 and 1
     * @param labels   labels the histogram's series must have, such as {@code pool="pulse"}
     * @return the bound, {@code Double.POSITIVE_INFINITY} past the last finite one, {@code NaN} when nothing was counted
     */
    double quantileSince(Prometheus before, String name, double quantile, String... labels) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String key : samples.keySet()) {
            if (matches(key, name + "_bucket", labels)) {
                int le = key.indexOf("le=\"");
                String bound = key.substring(le + 4, key.indexOf('"', le + 4));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, since(before, key), Double::sum);
            }
        }
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= quantile * total) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean matches(String key, String name, String... labels) {
        if (!key.equals(name) && !key.startsWith(name + "{")) {
            return false;
        }
        for (String label : labels) {
            if (!key.contains("{" + label + ",") && !key.contains("," + label + ",") && !key.contains("{" + label + "}")
                    && !key.contains("," + label + "}")) {
                return false;
            }
        }
        return true;
    }
}
