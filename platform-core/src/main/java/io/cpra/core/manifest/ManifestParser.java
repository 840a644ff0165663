package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.Reader;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a manifest's YAML at the event level and hands on one monitor's tree at a time, so a
 * manifest of a million monitors never becomes one tree in memory. Checks the document's outer
 * shape (one document, a map whose only key is {@code monitors}, holding a list); everything
 * inside a monitor is the validator's job. In single-monitor mode the document is one monitor.
 *
 * <p>Runs on the reading thread; only SnakeYAML's own work may run ahead on another.
 */
final class ManifestParser {

    private static final String MONITORS = "monitors";

    private final Supplier<Event> events;
    private final TreeBuilder builder;
    private final String source;
    private final boolean single;
    /** Where the characters SnakeYAML read came from, to place its unpositioned errors; or null. */
    private ManifestText.Positions positions;

    /**
     * @param events the YAML events, from {@link #yaml} directly or through an {@link EventPrefetcher}
     * @param source the name errors give
     * @param limits the bounds
     * @param single whether the document is one monitor rather than a manifest
     */
    ManifestParser(Supplier<Event> events, String source, ManifestLimits limits, boolean single) {
        this.events = events;
        this.source = source;
        this.single = single;
        this.builder = new TreeBuilder(events, limits, source);
    }

    /**
     * @param positions the tracked characters SnakeYAML reads, to position the errors it reports
     *                  by character index or not at all
     * @return this parser
     */
    ManifestParser positions(ManifestText.Positions positions) {
        this.positions = positions;
        return this;
    }

    /** SnakeYAML's event parser over the text, with marks on and the character bound applied. */
    static Parser yaml(Reader reader, String source, ManifestLimits limits) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setUseMarks(true)
                .setCodePointLimit(limits.maxCodePoints())
                .setBufferSize(1 << 16)
                .build();
        return new ParserImpl(settings, new StreamReader(settings, reader));
    }

    /**
     * Parses the whole document, handing every item to {@code sink} and ending with exactly one
     * {@link Parsed.End}.
     */
    void run(Consumer<Parsed> sink) {
        ManifestError fatal = null;
        try {
            document(sink);
        } catch (TreeBuilder.Fatal e) {
            fatal = e.error;
        } catch (MarkedYamlEngineException e) {
            fatal = syntax(e);
        } catch (YamlEngineException e) {
            fatal = unreadable(e);
        } finally {
            builder.reset();
        }
        sink.accept(new Parsed.End(fatal));
    }

    private void document(Consumer<Parsed> sink) {
        expect(events.get(), Event.ID.StreamStart);
        Event event = events.get();
        if (event.getEventId() == Event.ID.StreamEnd) {
            sink.accept(new Parsed.Problem(error(1, 1, "", single
                    ? "the monitor is empty; expected a map with name and pulse_check"
                    : "the manifest is empty; expected a map with a \"monitors\" list")));
            return;
        }
        expect(event, Event.ID.DocumentStart);
        Event root = events.get();
        if (single) {
            builder.startMonitor();
            Node node = builder.build(root, 0);
            sink.accept(new Parsed.Monitor(0, node, builder.startMonitor()));
        } else {
            root(root, sink);
        }
        expect(events.get(), Event.ID.DocumentEnd);
        Event after = events.get();
        if (after.getEventId() != Event.ID.StreamEnd) {
            int[] at = position(after);
            sink.accept(new Parsed.Problem(error(at[0], at[1], "", "a manifest holds one YAML document; "
                    + "remove this \"---\" and what follows, or merge the documents into one monitors list")));
        }
    }

    private void root(Event root, Consumer<Parsed> sink) {
        int[] at = position(root);
        if (root.getEventId() != Event.ID.MappingStart) {
            Node node = builder.build(root, 0);
            builder.startMonitor();
            sink.accept(new Parsed.Problem(error(at[0], at[1], "", "expected a map with a \"monitors\" list, got "
                    + node.describe())));
            return;
        }
        boolean seen = false;
        for (Event event = events.get(); event.getEventId() != Event.ID.MappingEnd; event = events.get()) {
            builder.startMonitor();
            Node key = builder.build(event, 1);
            flushOutside(sink);
            int[] keyAt = {key.line, key.column};
            Event valueStart = events.get();
            String name = key instanceof Node.Scalar scalar ? scalar.text : null;
            if (MONITORS.equals(name) && !seen) {
                seen = true;
                monitors(valueStart, keyAt, sink);
            } else {
                builder.startMonitor();
                // built even though it is refused, so that anchors defined in it still resolve
                builder.build(valueStart, 1);
                flushOutside(sink);
                String message = MONITORS.equals(name)
                        ? "duplicate key \"monitors\"; put every monitor in one list"
                        : name == null ? "a key must be a single value"
                        : "unknown key \"" + name + "\"" + Suggestions.didYouMean(name, List.of(MONITORS))
                        + "; the top level holds only \"monitors\"";
                sink.accept(new Parsed.Problem(error(keyAt[0], keyAt[1], name == null ? "" : name, message)));
            }
        }
        if (!seen) {
            sink.accept(new Parsed.Problem(error(at[0], at[1], "", "required key \"monitors\" is missing")));
        }
    }

    private void monitors(Event start, int[] keyAt, Consumer<Parsed> sink) {
        if (start.getEventId() != Event.ID.SequenceStart) {
            builder.startMonitor();
            Node node = builder.build(start, 1);
            flushOutside(sink);
            if (node instanceof Node.SeqNode aliased) {
                // monitors: *list — unusual but valid YAML
                for (int i = 0; i < aliased.items.length; i++) {
                    sink.accept(new Parsed.Monitor(i, aliased.items[i], List.of()));
                }
                return;
            }
            sink.accept(new Parsed.Problem(error(keyAt[0], keyAt[1], MONITORS, "expected a list of monitors, got "
                    + node.describe() + (node instanceof Node.Scalar s && s.kind == Node.Kind.NULL
                    ? " (write monitors: [] for none)" : ""))));
            return;
        }
        int index = 0;
        for (Event event = events.get(); event.getEventId() != Event.ID.SequenceEnd; event = events.get()) {
            builder.startMonitor();
            Node node = builder.build(event, 2);
            sink.accept(new Parsed.Monitor(index++, node, builder.startMonitor()));
        }
    }

    /** Problems the builder found outside any monitor become top-level problems. */
    private void flushOutside(Consumer<Parsed> sink) {
        for (Parsed.Pending p : builder.startMonitor()) {
            sink.accept(new Parsed.Problem(error(p.line(), p.column(), p.path(), p.message())));
        }
    }

    private void expect(Event event, Event.ID id) {
        if (event.getEventId() != id) {
            int[] at = position(event);
            throw new TreeBuilder.Fatal(error(at[0], at[1], "", "unexpected " + event.getEventId()
                    + " (expected " + id + ")"));
        }
    }

    private int[] position(Event event) {
        Optional<Mark> mark = event.getStartMark();
        return mark.map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
                .orElse(new int[] {builder.lastLine(), builder.lastColumn()});
    }

    private ManifestError syntax(MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        int line = mark.map(m -> m.getLine() + 1).orElse(builder.lastLine());
        int column = mark.map(m -> m.getColumn() + 1).orElse(builder.lastColumn());
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String context = e.getContext();
        String message = "invalid YAML: " + problem + (context == null || context.isBlank() ? "" : " (" + context
                + e.getContextMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("") + ")");
        return new ManifestError(new ManifestPosition(source, line, column), builder.monitorName(), builder.path(),
                message);
    }

    private ManifestError unreadable(Throwable e) {
        ManifestSource.TooLarge tooLarge = causeOf(e, ManifestSource.TooLarge.class);
        ManifestText.Located located = causeOf(e, ManifestText.Located.class);
        if (located != null) {
            return new ManifestError(new ManifestPosition(source, located.line, located.column), builder.monitorName(),
                    builder.path(), located.getMessage());
        }
        if (e instanceof ReaderException special) {
            int[] at = positions == null ? null : positions.locate(special.getPosition());
            String message = String.format(java.util.Locale.ROOT, "the manifest holds the character U+%04X%s, "
                    + "which YAML does not allow in a document", special.getCodePoint(),
                    special.getCodePoint() == 0 ? " (NUL: is it a binary file?)" : "");
            return at == null
                    ? new ManifestError(new ManifestPosition(source, 0, 0), "", "", message + " (character "
                            + (special.getPosition() + 1) + ")")
                    : new ManifestError(new ManifestPosition(source, at[0], at[1]), builder.monitorName(), builder.path(),
                            message);
        }
        if (e instanceof YamlVersionException version) {
            return new ManifestError(new ManifestPosition(source, builder.lastLine(), builder.lastColumn()), "", "",
                    "the manifest asks for YAML " + version.getSpecVersion().getRepresentation()
                            + " (%YAML directive); cpra reads YAML 1.x");
        }
        ManifestText.TooLong tooLong = causeOf(e, ManifestText.TooLong.class);
        if (tooLong != null) {
            // the last event read is the key (or item) whose value runs on
            return new ManifestError(new ManifestPosition(source, builder.lastLine(), builder.lastColumn()),
                    builder.monitorName(), builder.path(), tooLong.getMessage());
        }
        String message;
        if (tooLarge != null) {
            message = tooLarge.getMessage();
        } else if (e.getMessage() != null && e.getMessage().contains("code points")) {
            message = "the manifest is longer than the limit of characters (maxCodePoints): " + e.getMessage();
        } else {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            message = "cannot read the manifest: " + cause.getMessage();
        }
        return new ManifestError(new ManifestPosition(source, builder.lastLine(), builder.lastColumn()),
                builder.monitorName(), builder.path(), message);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private ManifestError error(int line, int column, String path, String message) {
        return new ManifestError(new ManifestPosition(source, line, column), "", path, message);
    }
}
