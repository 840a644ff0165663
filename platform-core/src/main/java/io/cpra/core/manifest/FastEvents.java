package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The events SnakeYAML's {@code ParserImpl} would produce, for the narrow line-oriented subset of
 * YAML that manifests are written in, read straight from UTF-8 bytes. SnakeYAML's scanner keeps a
 * token queue, a code-point window and a simple-key table for the general language; for a
 * million-monitor file that bookkeeping was most of a load, and this subset needs none of it.
 *
 * <p>The same code runs twice: first in checking mode ({@link #accepts}), which builds no events
 * and stops at the first construct outside the subset, then, only if the whole text was
 * accepted, in emitting mode as a {@link Parser}. Because both runs take the same decisions over
 * the same bytes, the emitting run cannot meet anything it does not handle, so a read that
 * started on this path never has to fall back half way. Anything the checking run is unsure of
 * is refused, and the caller reads the text with SnakeYAML instead.
 *
 * <p>The subset, each construct on one line: block maps and lists (including {@code - - a},
 * {@code - key: v} and lists at their key's indentation), flow lists and maps opened and closed on
 * the same line, plain scalars, single-quoted scalars, double-quoted scalars with the escapes
 * {@code \\ \" \n \t \r}, anchors on values, aliases, comments, blank lines and CRLF, in bytes
 * that pass {@link SubsetCheck#plainBytes} (checked line by line in checking mode).
 *
 * <p>Every construct lies within one line, so a file is streamed through a window that only has
 * to hold the current line. A file is read twice; the emitting run compares the byte count and
 * a CRC-32 with the checking run's and, should the file have changed in between, ends in an
 * error (a result that is not ok, so nothing is applied) rather than in different events.
 *
 * <p>Only the start marks' line and column mean anything (that is all the manifest reader looks
 * at, and only for scalars, aliases and the starts of collections); an event's end mark repeats
 * its start mark, the events that close a collection share one mark at 0:0, and every mark
 * shares one empty buffer.
 * <b>Thread-safety:</b> none; one instance is read by one thread at a time (the prefetcher hands
 * it to its own thread and never touches it again).
 */
final class FastEvents implements Parser, AutoCloseable {

    private static final int[] NO_BUFFER = new int[0];
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);
    private static final int MAX_FLOW_DEPTH = 64;
    private static final int MAX_KEY_LENGTH = 1000;
    private static final int MAX_SHARED = 24;

    /** Thrown in checking mode at the first construct outside the subset; never escapes. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("outside the fast subset", null, false, false);
        }
    }

    private static final Refused REFUSED = new Refused();

    /** The longest line the fast scanner takes; longer ones go to SnakeYAML and its bounds. */
    private static final int MAX_LINE = 1 << 20;

    /** The bytes: a whole text, or a window over a file that always holds the current line whole. */
    private byte[] b;
    private int n;
    private final String label;
    /** Where a file's bytes come from; null for a text given as bytes. */
    private final Path file;
    private InputStream in;
    private boolean eof;
    private final CRC32 crc = new CRC32();
    private long total;
    /** The check's byte count and checksum, which the emitting run must find again. */
    private final long checkedBytes;
    private final long checkedCrc;
    private final boolean emit;
    private final Events out = new Events();
    private final Optional<Mark> endMark;
    private Optional<Mark> lastMark;
    private int lastMarkLine = -1;
    private int lastMarkColumn = -1;
    private final String[] shared;
    private final Map<String, Optional<Anchor>> anchorsByName = new HashMap<>();
    private final byte[][] sharedBytes;

    /** Start of the next unread line. */
    private int next;
    /** The line being read: 0-based number, first byte, end of content (no break, no trailing spaces). */
    private int line = -1;
    private int lineStart;
    private int e;
    private boolean lineAscii;

    /** Open block collections: the column of their keys or dashes. */
    private int[] indents = new int[32];
    private boolean[] maps = new boolean[32];
    private boolean[] indentless = new boolean[32];
    private int depth;

    /** A key or dash whose value starts on a later line (or is empty). */
    private boolean pending;
    private boolean pendingMapValue;
    private int pendingIndent;
    private int pendingLine;
    private int pendingColumn;
    private String pendingAnchor;
    private boolean pendingHasAnchor;
    private int anchorLine;
    private int anchorColumn;

    private boolean started;
    private IOException failure;
    private boolean sawDocumentStart;
    private boolean explicitStart;
    private boolean finished;
    private boolean streamEnded;

    /** The scalar just scanned: its style and raw content range (inside the quotes). */
    private ScalarStyle style;
    private int valueFrom;
    private int valueTo;
    private boolean escaped;

    private FastEvents(byte[] bytes, int length, Path file, long checkedBytes, long checkedCrc, String label,
                       boolean emit) {
        this.b = bytes;
        this.n = length;
        this.file = file;
        this.eof = file == null;
        this.checkedBytes = checkedBytes;
        this.checkedCrc = checkedCrc;
        this.label = label;
        this.emit = emit;
        this.endMark = Optional.of(new Mark(label, 0, 0, 0, NO_BUFFER, 0));
        this.shared = emit ? new String[4096] : null;
        this.sharedBytes = emit ? new byte[4096][] : null;
    }

    /**
     * Whether the text is entirely inside the subset, decided by a full run that builds no events.
     *
     * @param bytes the text; its bytes are checked line by line too ({@link SubsetCheck#plainBytes(byte[], int, int)})
     */
    static boolean accepts(byte[] bytes, int length) {
        FastEvents check = new FastEvents(bytes, length, null, -1, 0, "", false);
        try {
            while (!check.streamEnded) {
                check.step();
            }
            return true;
        } catch (Refused refused) {
            return false;
        }
    }

    /** The emitting reader over text that {@link #accepts(byte[], int)} accepted. */
    static FastEvents over(byte[] bytes, int length, String label) {
        return new FastEvents(bytes, length, null, -1, 0, label, true);
    }

    /**
     * The emitting reader over a file, or null when the file is not entirely inside the subset
     * or holds more than {@code maxBytes}. The file is read twice, streamed through a window
     * that holds one line; the second run must see the bytes the first one accepted (same count
     * and checksum), or its read ends in an error that says the file changed.
     *
     * @throws IOException when the file cannot be opened
     */
    static FastEvents over(Path file, long maxBytes, String label, int window) throws IOException {
        FastEvents check = new FastEvents(new byte[window], 0, file, maxBytes, 0, "", false);
        try {
            while (!check.streamEnded) {
                check.step();
            }
        } catch (Refused refused) {
            if (check.failure != null) {
                throw check.failure;
            }
            return null;
        } finally {
            check.close();
        }
        return new FastEvents(new byte[window], 0, file, check.total, check.crc.getValue(), label, true);
    }

    /** Closes the file, when one is open; safe at any time after the reading thread is done. */
    @Override
    public void close() {
        InputStream open = in;
        in = null;
        eof = true;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // everything needed was read
            }
        }
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return hasNext() && peekEvent().getEventId() == id;
    }

    @Override
    public Event peekEvent() {
        fill();
        return present(out.peek());
    }

    @Override
    public Event next() {
        fill();
        return present(out.poll());
    }

    private static Event present(Event event) {
        if (event == null) {
            throw new NoSuchElementException("no more events");
        }
        return event;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !out.isEmpty();
    }

    private void fill() {
        try {
            while (out.isEmpty() && !streamEnded) {
                step();
            }
        } catch (Refused refused) {
            close();
            if (file != null) {
                throw changed();
            }
            // the check ran the same decisions over the same bytes, so this is a bug, not bad input
            throw new YamlEngineException("the fast manifest reader refused text it had accepted (line "
                    + (line + 1) + ")");
        }
    }

    /** Reads one more content line, or ends the stream. */
    private void step() {
        if (!started) {
            started = true;
            if (emit) {
                Optional<Mark> m = mark(0, 0);
                out.add(new StreamStartEvent(m, m));
            }
            pending = true;
            pendingIndent = -1;
            pendingMapValue = false;
            return;
        }
        while (next < n || !eof) {
            if (readLine()) {
                content();
                return;
            }
        }
        end();
    }

    /** Advances to the next line; false when it is blank or a comment. */
    private boolean readLine() {
        int s = next;
        int nl = s;
        boolean ascii = true;
        while (true) {
            while (nl < n && b[nl] != '\n') {
                if (b[nl] < 0) {
                    ascii = false;
                }
                nl++;
            }
            if (nl < n || eof) {
                break;
            }
            // the window ends inside this line: keep the line, read on
            System.arraycopy(b, s, b, 0, n - s);
            n -= s;
            nl -= s;
            s = 0;
            fillWindow();
        }
        if (!emit && !SubsetCheck.plainBytes(b, s, nl < n ? nl + 1 : n)) {
            throw REFUSED;
        }
        next = nl + 1;
        line++;
        lineStart = s;
        lineAscii = ascii;
        int end = nl;
        if (end > s && b[end - 1] == '\r') {
            end--;
        }
        while (end > s && b[end - 1] == ' ') {
            end--;
        }
        e = end;
        int p = s;
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p < end && b[p] != '#';
    }

    private void content() {
        int p = lineStart;
        while (b[p] == ' ') {
            p++;
        }
        int indent = p - lineStart;
        if (indent == 0 && (startsWith(p, "---") || startsWith(p, "..."))) {
            if (pendingIndent == -1 && pending && depth == 0 && !sawDocumentStart && e - p == 3 && b[p] == '-') {
                sawDocumentStart = true;
                explicitStart = true;
                return;
            }
            throw REFUSED;
        }
        boolean dash = dashAt(p);
        if (pending) {
            if (pendingIndent == -1) {
                sawDocumentStart = true;
                if (emit) {
                    Optional<Mark> m = mark(line, indent);
                    out.add(new DocumentStartEvent(explicitStart, Optional.empty(), Map.of(), m, m));
                }
            }
            if (indent > pendingIndent) {
                openBlock(dash, indent);
            } else if (pendingMapValue && indent == pendingIndent && dash) {
                // "key:" then "- item" at the key's own indentation: SnakeYAML's indentless sequence
                push(indent, false, true);
                emitSequenceStart(pendingHasAnchor, indent, FlowStyle.BLOCK);
                pending = false;
                pendingHasAnchor = false;
            } else {
                emptyPending();
                close(indent, dash);
            }
        } else {
            close(indent, dash);
        }
        if (maps[depth - 1]) {
            keyValue(p, indent);
        } else {
            item(p);
        }
    }

    private void openBlock(boolean dash, int indent) {
        push(indent, !dash, false);
        if (dash) {
            emitSequenceStart(pendingHasAnchor, indent, FlowStyle.BLOCK);
        } else {
            emitMappingStart(pendingHasAnchor, indent, FlowStyle.BLOCK);
        }
        pending = false;
        pendingHasAnchor = false;
    }

    private void emptyPending() {
        if (pendingHasAnchor || pendingIndent == -1) {
            throw REFUSED;
        }
        if (emit) {
            Optional<Mark> m = mark(pendingLine, pendingColumn);
            out.add(new ScalarEvent(Optional.empty(), Optional.empty(), PLAIN, "", ScalarStyle.PLAIN, m, m));
        }
        pending = false;
    }

    private void close(int indent, boolean dash) {
        while (depth > 0) {
            int top = depth - 1;
            if (indent < indents[top] || (indentless[top] && indent == indents[top] && !dash)) {
                pop();
            } else {
                break;
            }
        }
        if (depth == 0 || indents[depth - 1] != indent || maps[depth - 1] == dash) {
            throw REFUSED;
        }
    }

    private void fillWindow() {
        if (n == b.length && !emit && b.length >= MAX_LINE) {
            // a line this long is no manifest's; SnakeYAML reads it under the scalar bound
            throw REFUSED;
        }
        if (n == b.length) {
            b = Arrays.copyOf(b, b.length * 2);
        }
        try {
            if (in == null) {
                in = Files.newInputStream(file);
            }
            int read = in.read(b, n, b.length - n);
            if (read < 0) {
                eof = true;
                return;
            }
            crc.update(b, n, read);
            total += read;
            n += read;
        } catch (IOException e) {
            if (!emit) {
                // a file that cannot be opened is reported as before; one that fails later goes to SnakeYAML
                failure = in == null ? e : null;
                throw REFUSED;
            }
            close();
            throw new YamlEngineException(e);
        }
        if (total > checkedBytes) {
            // larger than the limit (checking) or than what was checked (emitting)
            if (!emit) {
                throw REFUSED;
            }
            close();
            throw changed();
        }
    }

    private YamlEngineException changed() {
        return new YamlEngineException("the manifest file changed while it was read; read it again");
    }

    private void end() {
        if (emit && file != null) {
            close();
            if (total != checkedBytes || crc.getValue() != checkedCrc) {
                throw changed();
            }
        }
        if (pending) {
            emptyPending();
        }
        while (depth > 0) {
            pop();
        }
        if (emit) {
            Optional<Mark> m = mark(Math.max(line, 0) + 1, 0);
            out.add(new DocumentEndEvent(false, m, m));
            out.add(new StreamEndEvent(m, m));
        }
        streamEnded = true;
    }

    private void push(int indent, boolean map, boolean isIndentless) {
        if (depth == indents.length) {
            indents = Arrays.copyOf(indents, depth * 2);
            maps = Arrays.copyOf(maps, depth * 2);
            indentless = Arrays.copyOf(indentless, depth * 2);
        }
        indents[depth] = indent;
        maps[depth] = map;
        indentless[depth] = isIndentless;
        depth++;
    }

    private void pop() {
        depth--;
        if (emit) {
            out.add(maps[depth] ? new MappingEndEvent(endMark, endMark) : new SequenceEndEvent(endMark, endMark));
        }
    }

    /** A list item: {@code - value}, {@code - key: value}, {@code - - item}, or a dash alone. */
    private void item(int p) {
        int dashColumn = column(p);
        int q = skipSpaces(p + 1);
        if (q == e || b[q] == '#') {
            setPending(false, dashColumn, column(p + 1));
            return;
        }
        int c = column(q);
        if (dashAt(q)) {
            push(c, false, false);
            emitSequenceStart(false, c, FlowStyle.BLOCK);
            item(q);
        } else if (b[q] == '&') {
            anchoredValue(q, false, dashColumn);
        } else if (isKey(q)) {
            push(c, true, false);
            emitMappingStart(false, c, FlowStyle.BLOCK);
            keyValue(q, c);
        } else {
            inlineValue(q, false);
        }
    }

    /** {@code key: value} or {@code key:} with the value on later lines. */
    private void keyValue(int p, int mapColumn) {
        int t = blockKey(p);
        if (t < 0) {
            throw REFUSED;
        }
        emitScalar(false, column(p));
        int q = skipSpaces(t + 1);
        if (q == e || b[q] == '#') {
            setPending(true, mapColumn, column(t + 1));
            return;
        }
        if (b[q] == '&') {
            anchoredValue(q, true, mapColumn);
        } else if (dashAt(q)) {
            throw REFUSED;
        } else {
            inlineValue(q, false);
        }
    }

    private void anchoredValue(int q, boolean mapValue, int parentIndent) {
        int r = anchorName(q + 1);
        if (r == q + 1 || (r < e && b[r] != ' ')) {
            throw REFUSED;
        }
        anchorLine = line;
        anchorColumn = column(q);
        if (emit) {
            pendingAnchor = text(q + 1, r);
        }
        int v = skipSpaces(r);
        if (v == e || b[v] == '#') {
            setPending(mapValue, parentIndent, -1);
            pendingHasAnchor = true;
            return;
        }
        if (b[v] == '*' || b[v] == '&' || dashAt(v)) {
            throw REFUSED;
        }
        inlineValue(v, true);
    }

    private void setPending(boolean mapValue, int indent, int emptyColumn) {
        pending = true;
        pendingMapValue = mapValue;
        pendingIndent = indent;
        pendingLine = line;
        pendingColumn = emptyColumn;
        pendingHasAnchor = false;
    }

    /** A value that ends on its own line: scalar, alias or flow collection, then only a comment. */
    private void inlineValue(int q, boolean anchored) {
        int r;
        byte c = b[q];
        if (c == '*') {
            if (anchored) {
                throw REFUSED;
            }
            r = alias(q);
        } else if (c == '[' || c == '{') {
            r = flow(q, anchored, 0);
        } else if (c == '"' || c == '\'') {
            r = quoted(q);
            emitScalar(anchored, column(q));
        } else if (plainStart(q, false)) {
            r = plain(q, false);
            if (r < e && b[r] == ':') {
                throw REFUSED;
            }
            emitScalar(anchored, column(q));
        } else {
            throw REFUSED;
        }
        endOfLine(r);
    }

    private void endOfLine(int r) {
        int s = skipSpaces(r);
        if (s == e) {
            return;
        }
        if (b[s] == '#' && s > r) {
            return;
        }
        throw REFUSED;
    }

    /** Whether a block key starts at {@code p}, without emitting anything. */
    private boolean isKey(int p) {
        return blockKey(p) >= 0;
    }

    /** Scans a block key at {@code p}; the position of its {@code :}, or -1 when none is there. */
    private int blockKey(int p) {
        byte c = b[p];
        int t;
        if (c == '"' || c == '\'') {
            t = quoted(p);
        } else if (plainStart(p, false)) {
            t = plain(p, false);
            if (t < e && b[t - 1] == ' ') {
                return -1;
            }
        } else {
            return -1;
        }
        if (t >= e || b[t] != ':' || (t + 1 < e && b[t + 1] != ' ') || t - p > MAX_KEY_LENGTH) {
            return -1;
        }
        return t;
    }

    /** A flow list or map closed on this line; returns the position after it. */
    private int flow(int q, boolean anchored, int level) {
        if (level >= MAX_FLOW_DEPTH) {
            throw REFUSED;
        }
        boolean map = b[q] == '{';
        byte close = map ? (byte) '}' : (byte) ']';
        int c = column(q);
        if (map) {
            emitMappingStart(anchored, c, FlowStyle.FLOW);
        } else {
            emitSequenceStart(anchored, c, FlowStyle.FLOW);
        }
        int r = skipSpaces(q + 1);
        if (r < e && b[r] == close) {
            flowEnd(map);
            return r + 1;
        }
        while (true) {
            if (map) {
                r = flowKey(r);
                r = skipSpaces(r);
            }
            r = flowNode(r, level);
            r = skipSpaces(r);
            if (r >= e) {
                throw REFUSED;
            }
            if (b[r] == close) {
                flowEnd(map);
                return r + 1;
            }
            if (b[r] != ',') {
                throw REFUSED;
            }
            r = skipSpaces(r + 1);
            if (r >= e || b[r] == close) {
                throw REFUSED;
            }
        }
    }

    private void flowEnd(boolean map) {
        if (emit) {
            out.add(map ? new MappingEndEvent(endMark, endMark) : new SequenceEndEvent(endMark, endMark));
        }
    }

    /** A flow map's key and its {@code ": "}; returns the position after the colon. */
    private int flowKey(int r) {
        if (r >= e) {
            throw REFUSED;
        }
        int t;
        if (b[r] == '"' || b[r] == '\'') {
            t = quoted(r);
        } else if (plainStart(r, true)) {
            t = plain(r, true);
            if (b[t - 1] == ' ') {
                throw REFUSED;
            }
        } else {
            throw REFUSED;
        }
        if (t + 1 >= e || b[t] != ':' || b[t + 1] != ' ' || t - r > MAX_KEY_LENGTH) {
            throw REFUSED;
        }
        emitScalar(false, column(r));
        return t + 1;
    }

    private int flowNode(int r, int level) {
        if (r >= e) {
            throw REFUSED;
        }
        byte c = b[r];
        if (c == '[' || c == '{') {
            return flow(r, false, level + 1);
        }
        if (c == '*') {
            return alias(r);
        }
        int t;
        if (c == '"' || c == '\'') {
            t = quoted(r);
        } else if (plainStart(r, true)) {
            t = plain(r, true);
            if (t < e && b[t] == ':') {
                throw REFUSED;
            }
        } else {
            throw REFUSED;
        }
        emitScalar(false, column(r));
        return t;
    }

    private int alias(int q) {
        int r = anchorName(q + 1);
        if (r == q + 1 || (r < e && b[r] != ' ' && b[r] != ',' && b[r] != ']' && b[r] != '}')) {
            throw REFUSED;
        }
        if (emit) {
            Optional<Mark> m = mark(line, column(q));
            out.add(new AliasEvent(anchorNamed(text(q + 1, r)), m, m));
        }
        return r;
    }

    private int anchorName(int p) {
        int r = p;
        while (r < e) {
            byte c = b[r];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                r++;
            } else {
                break;
            }
        }
        return r;
    }

    /**
     * Whether a plain scalar may start here. Indicators are refused, even where YAML would allow
     * some of them (such as {@code :x} or {@code ?x}), to stay clear of the scanner's corner cases.
     */
    private boolean plainStart(int p, boolean inFlow) {
        byte c = b[p];
        switch (c) {
            case '-':
                return p + 1 < e && b[p + 1] != ' ' && !(inFlow && isFlowIndicator(b[p + 1]));
            case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
                return false;
            default:
                return true;
        }
    }

    private static boolean isFlowIndicator(byte c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    /**
     * Scans a one-line plain scalar from {@code p}; returns where it stopped: the end of the line,
     * a {@code :} followed by a space or the end (block), or a flow indicator (flow). Trailing
     * spaces are left out of the value.
     */
    private int plain(int p, boolean inFlow) {
        int r = p;
        while (r < e) {
            byte c = b[r];
            if (c == ':' && (r + 1 == e || b[r + 1] == ' ')) {
                break;
            }
            if (c == ' ' && r + 1 < e && b[r + 1] == '#') {
                if (inFlow) {
                    throw REFUSED;
                }
                break;
            }
            if (inFlow) {
                if (c == ',' || c == ']' || c == '}') {
                    break;
                }
                if (c == '[' || c == '{' || c == ':') {
                    throw REFUSED;
                }
            }
            r++;
        }
        int v = r;
        while (v > p && b[v - 1] == ' ') {
            v--;
        }
        style = ScalarStyle.PLAIN;
        valueFrom = p;
        valueTo = v;
        escaped = false;
        return r;
    }

    /** Scans a quoted scalar closed on this line; returns the position after the closing quote. */
    private int quoted(int p) {
        byte quote = b[p];
        int r = p + 1;
        boolean esc = false;
        if (quote == '"') {
            while (true) {
                if (r >= e) {
                    throw REFUSED;
                }
                byte c = b[r];
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (r + 1 >= e) {
                        throw REFUSED;
                    }
                    byte x = b[r + 1];
                    if (x != '\\' && x != '"' && x != 'n' && x != 't' && x != 'r') {
                        throw REFUSED;
                    }
                    esc = true;
                    r += 2;
                    continue;
                }
                r++;
            }
            style = ScalarStyle.DOUBLE_QUOTED;
        } else {
            while (true) {
                if (r >= e) {
                    throw REFUSED;
                }
                if (b[r] == '\'') {
                    if (r + 1 < e && b[r + 1] == '\'') {
                        esc = true;
                        r += 2;
                        continue;
                    }
                    break;
                }
                r++;
            }
            style = ScalarStyle.SINGLE_QUOTED;
        }
        valueFrom = p + 1;
        valueTo = r;
        escaped = esc;
        return r + 1;
    }

    private void emitScalar(boolean anchored, int column) {
        if (!emit) {
            return;
        }
        String value = escaped ? unescape() : text(valueFrom, valueTo);
        Optional<Mark> m = anchored ? mark(anchorLine, anchorColumn) : mark(line, column);
        out.add(new ScalarEvent(anchor(anchored), Optional.empty(), style == ScalarStyle.PLAIN ? PLAIN : QUOTED,
                value, style, m, m));
    }

    private String unescape() {
        String raw = new String(b, valueFrom, valueTo - valueFrom, StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(raw.length());
        if (style == ScalarStyle.SINGLE_QUOTED) {
            return raw.replace("''", "'");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char x = raw.charAt(++i);
            s.append(switch (x) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> x;
            });
        }
        return s.toString();
    }

    private void emitMappingStart(boolean anchored, int column, FlowStyle flowStyle) {
        if (emit) {
            Optional<Mark> m = anchored ? mark(anchorLine, anchorColumn) : mark(line, column);
            out.add(new MappingStartEvent(anchor(anchored), Optional.empty(), true, flowStyle, m, m));
        }
    }

    private void emitSequenceStart(boolean anchored, int column, FlowStyle flowStyle) {
        if (emit) {
            Optional<Mark> m = anchored ? mark(anchorLine, anchorColumn) : mark(line, column);
            out.add(new SequenceStartEvent(anchor(anchored), Optional.empty(), true, flowStyle, m, m));
        }
    }

    private Optional<Anchor> anchor(boolean anchored) {
        if (!anchored) {
            return Optional.empty();
        }
        pendingHasAnchor = false;
        return anchorNamed(pendingAnchor);
    }

    /** Anchors are few and their aliases many: one Anchor each, so the reader's anchor table hashes a shared name. */
    private Optional<Anchor> anchorNamed(String name) {
        return anchorsByName.computeIfAbsent(name, k -> Optional.of(new Anchor(k)));
    }

    private boolean dashAt(int p) {
        return b[p] == '-' && (p + 1 == e || b[p + 1] == ' ');
    }

    private boolean startsWith(int p, String s) {
        if (p + s.length() > e) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int skipSpaces(int p) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        return p;
    }

    /** SnakeYAML counts columns in code points: every byte that does not continue a UTF-8 sequence. */
    private int column(int p) {
        if (lineAscii) {
            return p - lineStart;
        }
        int c = 0;
        for (int i = lineStart; i < p; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                c++;
            }
        }
        return c;
    }

    private Optional<Mark> mark(int atLine, int atColumn) {
        // a map's start and its first key share a position
        if (atLine != lastMarkLine || atColumn != lastMarkColumn) {
            lastMark = Optional.of(new Mark(label, 0, atLine, atColumn, NO_BUFFER, 0));
            lastMarkLine = atLine;
            lastMarkColumn = atColumn;
        }
        return lastMark;
    }

    /**
     * The text of a scalar without escapes. Short texts repeat all through a manifest (keys above
     * all), so they are shared through a small table: fewer allocations, and the reader's maps
     * find a shared key by identity with its hash already computed.
     */
    private String text(int from, int to) {
        int length = to - from;
        if (length > MAX_SHARED) {
            return new String(b, from, length, StandardCharsets.UTF_8);
        }
        int h = length;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int slot = h & (shared.length - 1);
        byte[] known = sharedBytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, b, from, to)) {
            return shared[slot];
        }
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        shared[slot] = text;
        sharedBytes[slot] = Arrays.copyOfRange(b, from, to);
        return text;
    }

    /**
     * The events of the line being read, waiting to be taken: filled only when empty, so a
     * plain array with two indexes does (a line gives a few events, a flow collection more).
     */
    private static final class Events {
        private Event[] items = new Event[16];
        private int head;
        private int tail;

        void add(Event event) {
            if (tail == items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            items[tail++] = event;
        }

        Event peek() {
            return head < tail ? items[head] : null;
        }

        Event poll() {
            if (head == tail) {
                return null;
            }
            Event event = items[head];
            items[head++] = null;
            if (head == tail) {
                head = 0;
                tail = 0;
            }
            return event;
        }

        boolean isEmpty() {
            return head == tail;
        }
    }
}
