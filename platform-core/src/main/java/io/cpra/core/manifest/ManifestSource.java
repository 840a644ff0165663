package io.cpra.core.manifest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a manifest's bytes as characters: the encoding follows the byte-order mark (UTF-8 when
 * there is none) and is decoded strictly ({@link ManifestText}), and reading more than the byte
 * limit fails with {@link TooLarge}, which the parser reports with the position reached.
 */
final class ManifestSource {

    private ManifestSource() {
    }

    static Reader open(Path file, long maxBytes) throws IOException {
        return open(Files.newInputStream(file), maxBytes);
    }

    static Reader open(InputStream in, long maxBytes) {
        return ManifestText.decode(new Bounded(in, maxBytes));
    }

    /** The byte limit was reached. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the manifest is larger than " + limit + " bytes (limit maxBytes)");
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }
    }
}
