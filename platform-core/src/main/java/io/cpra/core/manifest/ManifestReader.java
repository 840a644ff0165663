package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigException;
import org.snakeyaml.engine.v2.parser.Parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads a monitors manifest in the CPRA schema, streaming: one monitor's small tree is built,
 * validated, handed to the consumer as a {@link MonitorDefinition} and dropped before the next,
 * so a million-monitor file never sits in memory as one tree.
 *
 * <pre>{@code
 * ManifestReader reader = ManifestReader.builder(catalog).progress(console::show).build();
 * List<Prepared> staged = new ArrayList<>();
 * ManifestResult result = reader.read(Path.of("conf/monitors.yaml"), monitor -> staged.add(host.prepare(monitor)));
 * if (result.ok()) apply(staged); else print(result.describe());
 * }</pre>
 *
 * <p>Every error is collected, never just the first, each naming file, line, column, monitor and
 * key path. The consumer is handed each monitor that passed validation, in manifest order, on
 * the thread that called {@code read}, even after other monitors failed, so that its own
 * problems are collected too: it may throw {@link ConfigException} or call
 * {@link MonitorDefinition#reject}, and the error lands in the same list with the key's
 * position. A result that is not {@link ManifestResult#ok() ok} means the caller must apply
 * nothing it was handed. Any other exception from the consumer ends the read and propagates.
 *
 * <p>Files and strings written in the plain subset of YAML that manifests use are read by a
 * scanner of their own ({@code FastEvents}, after a check of the whole text), which gives the
 * same events as SnakeYAML several times faster; anything else is read by SnakeYAML.
 * By default scanning and parsing, most of the work, run on a thread of their own a
 * bounded step ahead; validation and the consumer stay on the calling thread, and so do the
 * trees for SnakeYAML (whose scanning is the larger half), while for the fast scanner the
 * monitors' trees are built on the parsing thread ({@code TreePrefetcher}). No thread
 * outlives a call. <b>Thread-safety:</b> immutable; concurrent reads are independent.
 */
public final class ManifestReader {

    /** Errors in reading order: by line, then column; stable, so one place keeps its finding order. */
    private static final java.util.Comparator<ManifestError> BY_POSITION = java.util.Comparator
            .comparingInt((ManifestError e) -> e.position().line()).thenComparingInt(e -> e.position().column());

    private final PluginCatalog catalog;
    private final ManifestLimits limits;
    private final ProgressListener progress;
    private final int progressEvery;
    private final LongSupplier nanoClock;
    private final boolean pipelined;
    private final BlockTrial trial;

    private ManifestReader(Builder builder) {
        this.trial = builder.trial;
        this.catalog = builder.catalog;
        this.limits = builder.limits;
        this.progress = builder.progress;
        this.progressEvery = builder.progressEvery;
        this.nanoClock = builder.nanoClock;
        this.pipelined = builder.pipelined;
    }

    /**
     * A reader with default limits and no progress reports.
     *
     * @param catalog the installed plugins
     * @return the reader
     */
    public static ManifestReader create(PluginCatalog catalog) {
        return builder(catalog).build();
    }

    /**
     * A builder.
     *
     * @param catalog the installed plugins
     * @return the builder
     */
    public static Builder builder(PluginCatalog catalog) {
        return new Builder(catalog);
    }

    /**
     * Reads a manifest file. A file that cannot be opened gives an error in the result.
     *
     * @param file     the manifest; its path as given names it in errors
     * @param consumer receives each valid monitor
     * @return the errors, or the summary
     */
    public ManifestResult read(Path file, Consumer<? super MonitorDefinition> consumer) {
        String source = file.toString();
        long start = nanoClock.getAsLong();
        Reader reader;
        try {
            if (Files.isDirectory(file)) {
                return failed(source, "is a directory, not a manifest file", start);
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                // refused by its size before a byte is read
                return failed(source, "the manifest is " + size + " bytes, larger than the limit of "
                        + limits.maxBytes() + " bytes (limit maxBytes, cpra.manifest-limits.max-bytes)", start);
            }
            FastEvents fast = SubsetCheck.file(file, source, limits);
            if (fast != null) {
                try (fast) {
                    return read(source, fast, consumer, start);
                }
            }
            reader = ManifestSource.open(file, limits.maxBytes());
        } catch (NoSuchFileException e) {
            return failed(source, "no such file", start);
        } catch (IOException e) {
            return failed(source, "cannot open the manifest: " + e, start);
        }
        return read(source, reader, consumer, false, start);
    }

    /**
     * Reads a manifest from bytes; the encoding follows the byte-order mark, UTF-8 without one.
     *
     * @param source   the name errors give for it, such as an upload's file name
     * @param in       the bytes; closed when done
     * @param consumer receives each valid monitor
     * @return the errors, or the summary
     */
    public ManifestResult read(String source, InputStream in, Consumer<? super MonitorDefinition> consumer) {
        return read(source, ManifestSource.open(in, limits.maxBytes()), consumer, false, nanoClock.getAsLong());
    }

    /**
     * Reads a manifest from characters.
     *
     * @param source   the name errors give for it
     * @param reader   the text; closed when done
     * @param consumer receives each valid monitor
     * @return the errors, or the summary
     */
    public ManifestResult read(String source, Reader reader, Consumer<? super MonitorDefinition> consumer) {
        return read(source, reader, consumer, false, nanoClock.getAsLong());
    }

    /**
     * Reads one monitor, written as the map that would be an item of {@code monitors} (YAML or
     * JSON), with the same rules as a manifest. Error paths are relative to the monitor, such as
     * {@code pulse.interval}. For the HTTP API, which validates one monitor at a time; no name
     * is remembered between calls, so uniqueness against existing monitors is the caller's.
     *
     * @param source   the name errors give for it, such as {@code request body}
     * @param reader   the text; closed when done
     * @param consumer receives the monitor when it is valid
     * @return the errors, or the summary
     */
    public ManifestResult readMonitor(String source, Reader reader, Consumer<? super MonitorDefinition> consumer) {
        return read(source, reader, consumer, true, nanoClock.getAsLong());
    }

    /**
     * Validates one monitor that is already parsed (maps, lists, strings, numbers, booleans),
     * with the same rules. Errors carry key paths but no line or column.
     *
     * @param source   the name errors give for it
     * @param monitor  the monitor's keys and values
     * @param consumer receives the monitor when it is valid
     * @return the errors, or the summary
     */
    public ManifestResult validateMonitor(String source, Map<String, ?> monitor,
                                          Consumer<? super MonitorDefinition> consumer) {
        long start = nanoClock.getAsLong();
        Load load = new Load(source, true, consumer, start);
        load.accept(new Parsed.Monitor(0, Node.ofPlain(monitor), java.util.List.of()));
        load.accept(new Parsed.End(null));
        return load.result();
    }

    /**
     * Reads a manifest held in a string.
     *
     * @param source   the name errors give for it
     * @param yaml     the manifest
     * @param consumer receives each valid monitor
     * @return the errors, or the summary
     */
    public ManifestResult readString(String source, String yaml, Consumer<? super MonitorDefinition> consumer) {
        long start = nanoClock.getAsLong();
        Parser fast = SubsetCheck.string(yaml, source, limits);
        if (fast != null) {
            return read(source, fast, consumer, start);
        }
        return read(source, new StringReader(yaml), consumer, false, start);
    }

    private ManifestResult read(String source, Reader reader, Consumer<? super MonitorDefinition> consumer,
                                boolean single, long start) {
        Objects.requireNonNull(consumer, "consumer");
        Load load = new Load(source, single, consumer, start);
        try (Reader in = reader) {
            ManifestText.Positions tracked = ManifestText.track(in, limits.maxScalarLength());
            parse(ManifestText.marking(ManifestParser.yaml(tracked, source, limits), tracked), tracked, source, single,
                    load);
        } catch (IOException e) {
            // closing failed after everything was read: nothing was lost
        }
        return load.result();
    }

    /** A manifest that {@link SubsetCheck} accepted, read through the same parsing as any other. */
    private ManifestResult read(String source, Parser fast, Consumer<? super MonitorDefinition> consumer,
                                long start) {
        Objects.requireNonNull(consumer, "consumer");
        Load load = new Load(source, false, consumer, start);
        ManifestParser parser = new ManifestParser(fast::next, source, limits, false);
        if (!pipelined) {
            parser.run(load);
            return load.result();
        }
        try (TreePrefetcher items = new TreePrefetcher(parser)) {
            items.drain(load);
        } catch (EventPrefetcher.Interrupted e) {
            load.accept(new Parsed.End(new ManifestError(new ManifestPosition(source, 0, 0), "", "",
                    "reading was interrupted")));
        }
        return load.result();
    }

    private void parse(Parser yaml, ManifestText.Positions positions, String source, boolean single, Load load) {
        try {
            if (pipelined && !single) {
                try (EventPrefetcher events = new EventPrefetcher(yaml)) {
                    new ManifestParser(events, source, limits, false).positions(positions).run(load);
                }
            } else {
                new ManifestParser(yaml::next, source, limits, single).positions(positions).run(load);
            }
        } catch (EventPrefetcher.Interrupted e) {
            load.accept(new Parsed.End(new ManifestError(new ManifestPosition(source, 0, 0), "", "",
                    "reading was interrupted")));
        }
    }

    private ManifestResult failed(String source, String message, long start) {
        Load load = new Load(source, false, m -> { }, start);
        load.accept(new Parsed.End(new ManifestError(new ManifestPosition(source, 0, 0), "", "", message)));
        return load.result();
    }

    /** One read's state, on the caller's thread: validation, hand-off, counts and progress. */
    private final class Load implements Consumer<Parsed> {
        private final Consumer<? super MonitorDefinition> consumer;
        private final String source;
        private final boolean single;
        private final long start;
        private final Problems problems = new Problems(limits.maxErrors());
        private final MonitorValidator validator;
        private final NameTable names = new NameTable();
        /** Null for a single monitor, whose parents are outside what is read. */
        private final DependencyCheck dependencies;
        private final BudgetAgreement budgets = new BudgetAgreement();
        private final Map<String, Long> pulseTypes = new HashMap<>();
        private final Map<String, Long> interventionTypes = new HashMap<>();
        private final Map<String, Long> codeTypes = new HashMap<>();
        private long parsed;
        private long accepted;
        private long disabled;
        private long end;

        Load(String source, boolean single, Consumer<? super MonitorDefinition> consumer, long start) {
            this.consumer = consumer;
            this.source = source;
            this.single = single;
            this.start = start;
            this.validator = new MonitorValidator(catalog, trial, source, single, names, problems);
            this.dependencies = single ? null : new DependencyCheck();
        }

        @Override
        public void accept(Parsed item) {
            switch (item) {
                case Parsed.Monitor monitor -> monitor(monitor);
                case Parsed.Problem problem -> problems.add(problem.error());
                case Parsed.End done -> {
                    if (done.fatal() != null) {
                        problems.add(done.fatal());
                    } else if (dependencies != null) {
                        dependencies.check(names, problems);
                    }
                    end = nanoClock.getAsLong();
                    progress.progress(parsed, Duration.ofNanos(end - start));
                }
            }
        }

        private void monitor(Parsed.Monitor item) {
            parsed++;
            MonitorDefinition definition = validator.validate(item);
            if (definition != null) {
                if (dependencies != null) {
                    dependencies.add(definition);
                    budgets.add(definition, problems);
                }
                hand(definition);
            }
            if (parsed % progressEvery == 0) {
                progress.progress(parsed, Duration.ofNanos(nanoClock.getAsLong() - start));
            }
        }

        private void hand(MonitorDefinition definition) {
            long before = problems.total();
            definition.attach(problems);
            try {
                consumer.accept(definition);
            } catch (ConfigException e) {
                problems.add(definition.error(e));
            } finally {
                definition.detach();
            }
            if (problems.total() != before) {
                return;
            }
            accepted++;
            if (!definition.enabled()) {
                disabled++;
            }
            pulseTypes.merge(definition.pulse().type(), 1L, Long::sum);
            definition.intervention().ifPresent(i -> interventionTypes.merge(i.type(), 1L, Long::sum));
            for (MonitorDefinition.Code code : definition.codes().values()) {
                codeTypes.merge(code.type(), 1L, Long::sum);
            }
        }

        ManifestResult result() {
            List<ManifestError> sorted = new java.util.ArrayList<>(problems.kept());
            sorted.sort(BY_POSITION);
            List<ManifestError> warnings = !single && parsed == 0 && problems.isEmpty()
                    ? List.of(new ManifestError(new ManifestPosition(source, 0, 0), "", "monitors",
                            "the manifest defines no monitors; nothing will be checked"))
                    : List.of();
            return new ManifestResult(sorted, problems.total(), accepted, disabled, pulseTypes,
                    interventionTypes, codeTypes, Duration.ofNanos(end - start), warnings);
        }
    }

    /** Builds a {@link ManifestReader}. Not thread-safe. */
    public static final class Builder {
        private final PluginCatalog catalog;
        private ManifestLimits limits = ManifestLimits.DEFAULTS;
        private ProgressListener progress = ProgressListener.NONE;
        private int progressEvery = 10_000;
        private LongSupplier nanoClock = System::nanoTime;
        private boolean pipelined = true;
        private BlockTrial trial = BlockTrial.NONE;

        private Builder(PluginCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * @param limits bounds against hostile input; default {@link ManifestLimits#DEFAULTS}
         * @return this builder
         */
        public Builder limits(ManifestLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param listener told of progress every {@link #progressEvery(int)} monitors and at the end
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param monitors how often progress is reported, in monitors; at least 1, default 10,000
         * @return this builder
         */
        public Builder progressEvery(int monitors) {
            if (monitors < 1) {
                throw new IllegalArgumentException("progressEvery must be at least 1, got " + monitors);
            }
            this.progressEvery = monitors;
            return this;
        }

        /**
         * @param nanoClock the clock elapsed times are measured with; default {@link System#nanoTime()}
         * @return this builder
         */
        public Builder clock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * @param pipelined whether YAML is scanned and parsed on a thread of its own while the caller's
         *                  thread builds and validates; default true. Single monitors are always read inline.
         * @return this builder
         */
        public Builder pipelined(boolean pipelined) {
            this.pipelined = pipelined;
            return this;
        }

        /**
         * @param trial prepares the plugin blocks of a monitor that has other errors, for their own
         *              errors; default {@link BlockTrial#NONE}
         * @return this builder
         */
        public Builder trial(BlockTrial trial) {
            this.trial = Objects.requireNonNull(trial, "trial");
            return this;
        }

        /** @return the reader */
        public ManifestReader build() {
            return new ManifestReader(this);
        }
    }
}
