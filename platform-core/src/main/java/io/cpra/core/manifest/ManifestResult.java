package io.cpra.core.manifest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of reading a manifest: its errors, or a summary of what it holds. A manifest with
 * any error is refused as a whole: the caller applies none of the monitors it was handed.
 * Immutable.
 *
 * @param errors             the errors by position (line, then column), at most
 *                           {@link ManifestLimits#maxErrors()}; whole-file ones first
 * @param errorCount         all errors found, including those not kept
 * @param monitors           monitors handed to the consumer and accepted by it
 * @param disabled           of those, how many have {@code enabled: false}
 * @param pulseTypes         monitors per pulse type, sorted by type
 * @param interventionTypes  interventions per type, sorted by type
 * @param codeTypes          code blocks per type, sorted by type
 * @param elapsed            time the read took, by the reader's clock
 * @param warnings           what is allowed but probably not meant, such as a manifest without
 *                           monitors; never a reason to refuse it
 */
public record ManifestResult(List<ManifestError> errors, long errorCount, long monitors, long disabled,
                             Map<String, Long> pulseTypes, Map<String, Long> interventionTypes,
                             Map<String, Long> codeTypes, Duration elapsed, List<ManifestError> warnings) {

    /** Creates a result. */
    public ManifestResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        pulseTypes = sorted(pulseTypes);
        interventionTypes = sorted(interventionTypes);
        codeTypes = sorted(codeTypes);
        Objects.requireNonNull(elapsed, "elapsed");
        if (errorCount < errors.size()) {
            throw new IllegalArgumentException("errorCount " + errorCount + " < " + errors.size() + " errors kept");
        }
    }

    /**
     * A result without warnings.
     *
     * @param errors             the errors, sorted by position
     * @param errorCount         all errors found
     * @param monitors           monitors accepted
     * @param disabled           of those, how many are disabled
     * @param pulseTypes         monitors per pulse type
     * @param interventionTypes  interventions per type
     * @param codeTypes          code blocks per type
     * @param elapsed            time the read took
     */
    public ManifestResult(List<ManifestError> errors, long errorCount, long monitors, long disabled,
                          Map<String, Long> pulseTypes, Map<String, Long> interventionTypes,
                          Map<String, Long> codeTypes, Duration elapsed) {
        this(errors, errorCount, monitors, disabled, pulseTypes, interventionTypes, codeTypes, elapsed, List.of());
    }

    /**
     * Whether the manifest may be applied.
     *
     * @return true when no error was found
     */
    public boolean ok() {
        return errorCount == 0;
    }

    /**
     * A short report: one line per error (and how many were not kept), or the summary.
     *
     * @return text for a console
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!ok()) {
            for (ManifestError error : errors) {
                text.append(error).append('\n');
            }
            if (errorCount > errors.size()) {
                text.append("... and ").append(errorCount - errors.size()).append(" more errors\n");
            }
            return text.append(errorCount).append(errorCount == 1 ? " error" : " errors")
                    .append("; nothing was applied").toString();
        }
        text.append(monitors).append(monitors == 1 ? " monitor" : " monitors");
        if (disabled > 0) {
            text.append(" (").append(disabled).append(" disabled)");
        }
        text.append(" in ").append(elapsed.toMillis()).append(" ms; pulses ").append(pulseTypes);
        if (!interventionTypes.isEmpty()) {
            text.append(", interventions ").append(interventionTypes);
        }
        if (!codeTypes.isEmpty()) {
            text.append(", codes ").append(codeTypes);
        }
        for (ManifestError warning : warnings) {
            text.append("\nwarning: ").append(warning);
        }
        return text.toString();
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
