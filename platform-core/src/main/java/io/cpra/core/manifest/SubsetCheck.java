package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.parser.Parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides, before a single event is handed on, whether a manifest can be read by
 * {@link FastEvents} instead of SnakeYAML. The reader's consumer receives monitors as they are
 * read, so the choice cannot be revised half way: the whole text is checked first, bytes and
 * structure line by line, and any doubt sends the text to SnakeYAML, which reads it exactly as
 * before.
 *
 * <p>Texts at or near a limit go to SnakeYAML too, so that the limit's error stays its own.
 * <b>Thread-safety:</b> stateless.
 */
final class SubsetCheck {

    private static final int WINDOW = 1 << 16;

    private SubsetCheck() {
    }

    /**
     * The fast events of a manifest file, or null when SnakeYAML must read it. The check streams
     * the file once; the events stream it again. Neither holds more of it than its longest line.
     *
     * @throws IOException when the file cannot be opened (the caller reports it as before)
     */
    static FastEvents file(Path file, String label, ManifestLimits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long most = Math.min(limits.maxBytes() - 1, limits.maxCodePoints() - 1025L);
        if (most < 0 || Files.size(file) > most) {
            return null;
        }
        return FastEvents.over(file, most, label, WINDOW);
    }

    /** The fast events of a manifest held in a string, or null when SnakeYAML must read it. */
    static Parser string(String text, String label, ManifestLimits limits) {
        if (!fits(text.length(), limits)) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!fits(bytes.length, limits) || !FastEvents.accepts(bytes, bytes.length)) {
            return null;
        }
        return FastEvents.over(bytes, bytes.length, label);
    }

    /**
     * Well inside every size limit (a code point takes at least one byte, so bytes bound both),
     * and small enough to copy: a string's bytes are held whole, so on a small heap a large
     * string stays with SnakeYAML, which streams it.
     */
    private static boolean fits(long bytes, ManifestLimits limits) {
        if (bytes >= limits.maxBytes() || bytes >= limits.maxCodePoints() - 1024L || bytes >= Integer.MAX_VALUE - 64) {
            return false;
        }
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return bytes <= free / 3;
    }

    /** The whole text: see {@link #plainBytes(byte[], int, int)}. */
    static boolean plainBytes(byte[] b) {
        return plainBytes(b, 0, b.length);
    }

    /**
     * Well-formed UTF-8 of characters SnakeYAML takes as ordinary printable text: no byte-order
     * mark (it would need the reader's encoding detection), no tab (indentation rules around tabs
     * are subtle), no control character, and none of the line breaks YAML knows beyond LF and CRLF
     * (NEL, LS, PS), which would move SnakeYAML's line numbers.
     */
    static boolean plainBytes(byte[] b, int from, int to) {
        int n = to;
        int i = from;
        while (i < n) {
            int c = b[i];
            if (c >= 0x20 && c < 0x7F || c == '\n') {
                i++;
                continue;
            }
            if (c == '\r') {
                if (i + 1 >= n || b[i + 1] != '\n') {
                    return false;
                }
                i++;
                continue;
            }
            if (c >= 0) {
                return false;
            }
            int lead = c & 0xFF;
            int cp;
            int len;
            if (lead >= 0xC2 && lead <= 0xDF) {
                cp = lead & 0x1F;
                len = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                cp = lead & 0x0F;
                len = 3;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                cp = lead & 0x07;
                len = 4;
            } else {
                return false;
            }
            if (i + len > n) {
                return false;
            }
            for (int k = 1; k < len; k++) {
                int x = b[i + k] & 0xFF;
                if ((x & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (x & 0x3F);
            }
            boolean shortest = len == 2 ? cp >= 0x80 : len == 3 ? cp >= 0x800 : cp >= 0x10000;
            boolean printable = cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029
                    || cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF
                    || cp >= 0x10000 && cp <= 0x10FFFF;
            if (!shortest || !printable) {
                return false;
            }
            i += len;
        }
        return true;
    }
}
