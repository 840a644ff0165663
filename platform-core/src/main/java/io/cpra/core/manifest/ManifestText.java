package io.cpra.core.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A manifest's characters as SnakeYAML reads them, with the positions its own errors lack.
 *
 * <p>{@link #decode} turns bytes into characters strictly (the encoding follows the byte-order
 * mark, UTF-8 without one): a byte sequence that is not text in that encoding stops reading with
 * {@link Undecodable}, naming its byte offset, where a plain decoder says {@code Input length = 1}.
 * {@link #track} counts lines and columns of every character handed on, so that an error that
 * SnakeYAML reports by character index (a NUL byte, a control character) or without any position
 * (an undecodable byte) gets the line and column of the place. Both stream: memory is one buffer.
 *
 * <p>Not thread-safe: one reading thread.
 */
final class ManifestText {

    private ManifestText() {
    }

    /**
     * Strict decoding of a manifest's bytes.
     *
     * @param in the bytes
     * @return the characters; reading fails with {@link Undecodable} at the first byte that is
     *         not text
     */
    static Reader decode(InputStream in) {
        return new Decoder(in);
    }

    /**
     * Line and column tracking over characters.
     *
     * @param in the characters
     * @return the same characters, with their positions known
     */
    static Positions track(Reader in, int maxScalarLength) {
        return new Positions(in, maxScalarLength);
    }

    /**
     * A parser that tells the tracked text each time an event is complete, so that the text read
     * between two events, where one scalar lies, is bounded.
     */
    static Parser marking(Parser parser, Positions positions) {
        return new Parser() {
            @Override
            public boolean checkEvent(Event.ID id) {
                return parser.checkEvent(id);
            }

            @Override
            public Event peekEvent() {
                return parser.peekEvent();
            }

            @Override
            public boolean hasNext() {
                return parser.hasNext();
            }

            @Override
            public Event next() {
                Event event = parser.next();
                positions.eventDone();
                return event;
            }
        };
    }

    /** More text between two YAML events than the scalar bound allows. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(int limit) {
            super("a scalar is longer than " + limit + " characters (limit maxScalarLength, "
                    + "cpra.manifest-limits.max-scalar-length); is a quote left open?");
        }
    }

    /** Bytes that are not text in the manifest's encoding. */
    static final class Undecodable extends IOException {
        private static final long serialVersionUID = 1L;

        final long offset;

        Undecodable(long offset, int value, String encoding) {
            super(String.format(Locale.ROOT, "the manifest is not valid %s text: byte 0x%02X at byte offset %d "
                    + "cannot be decoded (is it a binary file?)", encoding, value, offset));
            this.offset = offset;
        }
    }

    /** A reading problem with the line and column reached. */
    static final class Located extends IOException {
        private static final long serialVersionUID = 1L;

        final int line;
        final int column;

        Located(int line, int column, IOException cause) {
            super(cause.getMessage(), cause);
            this.line = line;
            this.column = column;
        }
    }

    private static final class Decoder extends Reader {
        private final PushbackInputStream source;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private CharsetDecoder decoder;
        private String encoding;
        /** Bytes before the buffer's index 0. */
        private long before;
        private boolean eof;
        private boolean flushed;
        private Undecodable failed;

        Decoder(InputStream in) {
            this.source = new PushbackInputStream(in, 4);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (decoder == null) {
                start();
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (true) {
                if (failed != null) {
                    if (out.position() > offset) {
                        return out.position() - offset;
                    }
                    throw failed;
                }
                if (flushed) {
                    return out.position() > offset ? out.position() - offset : -1;
                }
                CoderResult result = decoder.decode(bytes, out, eof);
                if (result.isError()) {
                    failed = new Undecodable(before + bytes.position(), bytes.get(bytes.position()) & 0xFF, encoding);
                    continue;
                }
                if (result.isOverflow()) {
                    if (out.position() == offset) {
                        // only a one-char buffer and a character that needs two: SnakeYAML never asks so
                        throw new IOException("a read of one char cannot take a supplementary character");
                    }
                    return out.position() - offset;
                }
                if (eof) {
                    decoder.flush(out);
                    flushed = true;
                    continue;
                }
                if (out.position() > offset) {
                    return out.position() - offset;
                }
                fill();
            }
        }

        private void fill() throws IOException {
            before += bytes.position();
            bytes.compact();
            int n = source.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        /** Reads the byte-order mark, if any, and chooses the encoding. */
        private void start() throws IOException {
            byte[] head = source.readNBytes(4);
            int skip = 0;
            Charset charset = StandardCharsets.UTF_8;
            if (starts(head, 0x00, 0x00, 0xFE, 0xFF)) {
                charset = Charset.forName("UTF-32BE");
                skip = 4;
            } else if (starts(head, 0xFF, 0xFE, 0x00, 0x00)) {
                charset = Charset.forName("UTF-32LE");
                skip = 4;
            } else if (starts(head, 0xEF, 0xBB, 0xBF)) {
                skip = 3;
            } else if (starts(head, 0xFE, 0xFF)) {
                charset = StandardCharsets.UTF_16BE;
                skip = 2;
            } else if (starts(head, 0xFF, 0xFE)) {
                charset = StandardCharsets.UTF_16LE;
                skip = 2;
            }
            if (head.length > skip) {
                source.unread(head, skip, head.length - skip);
            }
            before = skip;
            encoding = charset.name();
            decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        private static boolean starts(byte[] head, int... mark) {
            if (head.length < mark.length) {
                return false;
            }
            for (int i = 0; i < mark.length; i++) {
                if ((head[i] & 0xFF) != mark[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** Counts lines and columns (in code points) of the characters handed on. */
    static final class Positions extends Reader {
        /**
         * SnakeYAML reads ahead a buffer (64 Ki) and looks a little further for simple keys, so
         * the text between two events may exceed one scalar by this much.
         */
        private static final int LOOK_AHEAD = (1 << 17) + 1024;

        private final Reader in;
        private final long mostBetweenEvents;
        private long sinceEvent;
        private int line = 1;
        private int column = 1;
        private long codePoints;
        private boolean afterCr;
        private boolean afterHighSurrogate;
        /** The last chunk handed on and where it started, to place an index inside it. */
        private char[] chunk = new char[0];
        private int chunkLength;
        private long chunkCodePoints;
        private int chunkLine;
        private int chunkColumn;
        private boolean chunkAfterCr;

        private Positions(Reader in, int maxScalarLength) {
            this.in = in;
            this.mostBetweenEvents = (long) maxScalarLength + LOOK_AHEAD;
            this.limit = maxScalarLength;
        }

        private final int limit;

        /** An event was completed: what is read from now on belongs to the next one. */
        void eventDone() {
            sinceEvent = 0;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (Undecodable e) {
                throw new Located(line, column, e);
            }
            if (n <= 0) {
                return n;
            }
            sinceEvent += n;
            if (sinceEvent > mostBetweenEvents) {
                throw new TooLong(limit);
            }
            if (chunk.length < n) {
                chunk = new char[Math.max(n, 1024)];
            }
            System.arraycopy(buffer, offset, chunk, 0, n);
            chunkLength = n;
            chunkCodePoints = codePoints;
            chunkLine = line;
            chunkColumn = column;
            chunkAfterCr = afterCr;
            for (int i = offset; i < offset + n; i++) {
                step(buffer[i]);
            }
            return n;
        }

        private void step(char c) {
            boolean low = afterHighSurrogate && Character.isLowSurrogate(c);
            afterHighSurrogate = Character.isHighSurrogate(c);
            if (low) {
                return;
            }
            codePoints++;
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                    column = 1;
                }
                afterCr = false;
                return;
            }
            afterCr = c == '\r';
            if (afterCr || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }

        /**
         * Where a character is, by its index in code points from the start.
         *
         * @return {line, column}, or null when it is not in the last chunk handed on
         */
        int[] locate(long index) {
            if (index < chunkCodePoints) {
                return null;
            }
            int l = chunkLine;
            int c = chunkColumn;
            boolean cr = chunkAfterCr;
            boolean high = false;
            long at = chunkCodePoints;
            for (int i = 0; i < chunkLength; i++) {
                char ch = chunk[i];
                boolean low = high && Character.isLowSurrogate(ch);
                high = Character.isHighSurrogate(ch);
                if (low) {
                    continue;
                }
                if (at == index) {
                    return new int[] {l, c};
                }
                at++;
                if (ch == '\n') {
                    if (!cr) {
                        l++;
                        c = 1;
                    }
                    cr = false;
                    continue;
                }
                cr = ch == '\r';
                if (cr || ch == '\u0085' || ch == '\u2028' || ch == '\u2029') {
                    l++;
                    c = 1;
                } else {
                    c++;
                }
            }
            return at == index ? new int[] {l, c} : null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
