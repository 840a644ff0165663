package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.parser.Parser;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of SnakeYAML and of the fast reader, written out as comparable lines: everything the
 * manifest reader looks at, with the start line and column of every node event.
 */
final class YamlEvents {

    private YamlEvents() {
    }

    static List<String> snake(String yaml) {
        return drain(ManifestParser.yaml(new StringReader(yaml), "t", ManifestLimits.DEFAULTS));
    }

    /** The fast reader's events, or null when the check refuses the text. */
    static List<String> fast(String yaml) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        if (!SubsetCheck.plainBytes(bytes) || !FastEvents.accepts(bytes, bytes.length)) {
            return null;
        }
        return drain(FastEvents.over(bytes, bytes.length, "t"));
    }

    /** The fast reader's events from a file, read through a window of {@code window} bytes. */
    static List<String> fastFromFile(String yaml, int window) {
        try {
            Path file = Files.createTempFile("fast-events", ".yaml");
            try {
                Files.writeString(file, yaml);
                try (FastEvents events = FastEvents.over(file, Long.MAX_VALUE, "t", window)) {
                    return events == null ? null : drain(events);
                }
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> drain(Parser parser) {
        List<String> lines = new ArrayList<>();
        while (true) {
            Event event = parser.next();
            lines.add(describe(event));
            if (event.getEventId() == Event.ID.StreamEnd) {
                return lines;
            }
        }
    }

    static String describe(Event event) {
        StringBuilder s = new StringBuilder(event.getEventId().toString());
        if (event instanceof NodeEvent node) {
            s.append(" anchor=").append(node.getAnchor().map(a -> a.getValue()).orElse("-"));
            event.getStartMark().ifPresent(m -> s.append(" at=").append(m.getLine()).append(':').append(m.getColumn()));
        }
        switch (event) {
            case ScalarEvent scalar -> s.append(" tag=").append(scalar.getTag().orElse("-"))
                    .append(" implicit=").append(scalar.getImplicit().canOmitTagInPlainScalar())
                    .append('/').append(scalar.getImplicit().canOmitTagInNonPlainScalar())
                    .append(" style=").append(scalar.getScalarStyle())
                    .append(" plain=").append(scalar.isPlain())
                    .append(" value=[").append(scalar.getValue()).append(']');
            case CollectionStartEvent start -> s.append(" tag=").append(start.getTag().orElse("-"))
                    .append(" implicit=").append(start.isImplicit())
                    .append(" flow=").append(start.getFlowStyle());
            case AliasEvent alias -> s.append(" alias=").append(alias.getAlias().getValue());
            case DocumentStartEvent doc -> s.append(" explicit=").append(doc.isExplicit());
            default -> { }
        }
        return s.toString();
    }
}
