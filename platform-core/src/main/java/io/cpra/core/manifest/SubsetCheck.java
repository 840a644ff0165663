package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.parser.Parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Decides, before a single event is handed on, whether a manifest can be read by
 * {@link FastEvents} instead of SnakeYAML. The reader's consumer receives monitors as they are
 * read, so the choice cannot be revised half way: the whole text is checked first, bytes and
 * then structure, and any doubt sends the text to SnakeYAML, which reads it exactly as before.
 *
 * <p>Texts at or near a limit go to SnakeYAML too, so that the limit's error stays its own.
 * <b>Thread-safety:</b> stateless; for a large text the byte check runs on a short-lived thread
 * of its own, joined before the decision is returned.
 */
final class SubsetCheck {

    private static final int PARALLEL_FROM = 1 << 20;

    private SubsetCheck() {
    }

    /**
     * The fast events of a manifest file, or null when SnakeYAML must read it.
     *
     * @throws IOException when the file cannot be read (the caller reports it as before)
     */
    static Parser file(Path file, String label, ManifestLimits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long size = Files.size(file);
        if (!fits(size, limits)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        return bytes(bytes, label, limits);
    }

    /** The fast events of a manifest held in a string, or null when SnakeYAML must read it. */
    static Parser string(String text, String label, ManifestLimits limits) {
        if (!fits(text.length(), limits)) {
            return null;
        }
        return bytes(text.getBytes(StandardCharsets.UTF_8), label, limits);
    }

    private static Parser bytes(byte[] bytes, String label, ManifestLimits limits) {
        if (!fits(bytes.length, limits)) {
            return null;
        }
        boolean accepted;
        if (bytes.length < PARALLEL_FROM) {
            accepted = plainBytes(bytes) && FastEvents.accepts(bytes, bytes.length);
        } else {
            // the check delays the first monitor, so its two independent halves run side by side
            FutureTask<Boolean> plain = new FutureTask<>(() -> plainBytes(bytes));
            Thread.ofPlatform().name("cpra-manifest-check").daemon().start(plain);
            boolean structure = FastEvents.accepts(bytes, bytes.length);
            accepted = join(plain) && structure;
        }
        return accepted ? FastEvents.over(bytes, bytes.length, label) : null;
    }

    private static boolean join(FutureTask<Boolean> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Well inside every size limit (a code point takes at least one byte, so bytes bound both),
     * and small enough to hold in the heap: the fast path keeps the whole text as bytes, while
     * SnakeYAML streams it, so on a small heap a large manifest stays with SnakeYAML.
     */
    private static boolean fits(long bytes, ManifestLimits limits) {
        if (bytes >= limits.maxBytes() || bytes >= limits.maxCodePoints() - 1024L || bytes >= Integer.MAX_VALUE - 64) {
            return false;
        }
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return bytes <= free / 3;
    }

    /**
     * Well-formed UTF-8 of characters SnakeYAML takes as ordinary printable text: no byte-order
     * mark (it would need the reader's encoding detection), no tab (indentation rules around tabs
     * are subtle), no control character, and none of the line breaks YAML knows beyond LF and CRLF
     * (NEL, LS, PS), which would move SnakeYAML's line numbers.
     */
    static boolean plainBytes(byte[] b) {
        int n = b.length;
        int i = 0;
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
