package io.cpra.core.ops;

import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.manifest.ManifestLimits;
import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.ManifestResult;
import io.cpra.core.plugin.MonitorCompiler;
import io.cpra.core.plugin.PluginRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a manifest and compiles its monitors, for the server's start, reloads and
 * {@code cpra validate}. A large manifest reports its progress (monitors so far, rate) every
 * {@value #PROGRESS_EVERY} monitors.
 *
 * @param result the reader's errors or summary
 * @param plans  the compiled monitors; empty when the result has errors
 */
public record Loader(ManifestResult result, List<MonitorPlan> plans) {

    static final int PROGRESS_EVERY = 100_000;

    /**
     * Reads and compiles a manifest; on any error, the instances already prepared are closed.
     *
     * @param manifest the file
     * @param compiler compiles each valid definition
     * @param registry the installed plugins
     * @param progress where progress lines go for large manifests
     * @return the result and plans
     */
    public static Loader read(Path manifest, MonitorCompiler compiler, PluginRegistry registry, PrintStream progress) {
        return read(manifest, ManifestLimits.DEFAULTS, compiler, registry, progress);
    }

    /**
     * Reads and compiles a manifest under given limits; on any error, the instances already
     * prepared are closed.
     *
     * @param manifest the file
     * @param limits   bounds on reading it
     * @param compiler compiles each valid definition
     * @param registry the installed plugins
     * @param progress where progress lines go for large manifests
     * @return the result and plans
     */
    public static Loader read(Path manifest, ManifestLimits limits, MonitorCompiler compiler, PluginRegistry registry,
                              PrintStream progress) {
        ManifestReader reader = ManifestReader.builder(registry)
                .limits(limits)
                .progressEvery(PROGRESS_EVERY)
                .progress((monitors, elapsed) -> report(progress, monitors, elapsed))
                .trial(compiler::refusal)
                .build();
        List<MonitorPlan> plans = new ArrayList<>();
        ManifestResult result = reader.read(manifest, definition -> compiler.compile(definition).ifPresent(plans::add));
        if (!result.ok()) {
            plans.forEach(Loader::close);
            plans.clear();
        }
        return new Loader(result, plans);
    }

    /**
     * Closes the instances prepared for a plan that will not run.
     *
     * @param plan the plan
     */
    public static void close(MonitorPlan plan) {
        closeQuietly(plan.check());
        if (plan.spec().intervention() != null) {
            closeQuietly(plan.spec().intervention().intervention());
        }
        plan.spec().codes().forEach(route -> closeQuietly(route.notifier()));
    }

    private static void closeQuietly(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception | LinkageError ignored) {
            // nothing runs these instances; a failing close changes nothing
        }
    }

    private static void report(PrintStream out, long monitors, Duration elapsed) {
        if (monitors < PROGRESS_EVERY) {
            return;  // small manifests load too fast to need a progress line
        }
        long millis = Math.max(1, elapsed.toMillis());
        out.printf("manifest: %,d monitors read (%,d per second)%n", monitors, monitors * 1000 / millis);
    }
}
