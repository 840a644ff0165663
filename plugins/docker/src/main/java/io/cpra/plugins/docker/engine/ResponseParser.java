package io.cpra.plugins.docker.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the bytes of one HTTP/1.1 response and tells when it is complete. The body is framed
 * as RFC 9112 section 6.3 says for a client: none for {@code HEAD}, 1xx, 204 and 304; chunked
 * when {@code Transfer-Encoding} ends in {@code chunked}; else {@code Content-Length}; else up
 * to the end of the stream. Interim 1xx responses are skipped.
 *
 * <p>Bytes are kept and parsed again on each call: Engine responses are a few hundred bytes,
 * so simplicity wins over an incremental state machine. Not thread-safe; one per exchange.
 */
final class ResponseParser {

    /** Responses larger than this are refused rather than buffered. */
    static final int MAX_BYTES = 1 << 20;

    private final boolean head;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ResponseParser(String method) {
        this.head = method.equalsIgnoreCase("HEAD");
    }

    void feed(byte[] data, int offset, int length) throws IOException {
        if (bytes.size() + length > MAX_BYTES) {
            throw new IOException("response larger than " + MAX_BYTES + " bytes");
        }
        bytes.write(data, offset, length);
    }

    /**
     * The response, once complete.
     *
     * @param ended whether the server has closed its side, which completes a body read to the end
     * @return the response, or empty while more bytes are needed
     * @throws IOException when the bytes are not an HTTP response
     */
    Optional<HttpResponse> response(boolean ended) throws IOException {
        byte[] data = bytes.toByteArray();
        int start = 0;
        while (true) {
            int headEnd = indexOf(data, start, "\r\n\r\n");
            if (headEnd < 0) {
                return Optional.empty();
            }
            String[] lines = new String(data, start, headEnd - start, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = status(lines[0]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + lines[i]);
                }
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            int bodyStart = headEnd + 4;
            if (status >= 100 && status < 200) {
                start = bodyStart;
                continue;
            }
            if (head || status == 204 || status == 304) {
                return Optional.of(new HttpResponse(status, headers, new byte[0]));
            }
            String coding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            if (coding.endsWith("chunked")) {
                return chunked(data, bodyStart).map(body -> new HttpResponse(status, headers, body));
            }
            String length = headers.get("content-length");
            if (length != null) {
                long size = contentLength(length);
                if (data.length - bodyStart < size) {
                    return Optional.empty();
                }
                return Optional.of(new HttpResponse(status, headers, slice(data, bodyStart, (int) size)));
            }
            return ended ? Optional.of(new HttpResponse(status, headers, slice(data, bodyStart, data.length - bodyStart)))
                    : Optional.empty();
        }
    }

    private static Optional<byte[]> chunked(byte[] data, int at) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = indexOf(data, at, "\r\n");
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String sizeLine = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine);
            }
            if (size < 0 || size > MAX_BYTES) {
                throw new IOException("chunk size out of range: " + sizeLine);
            }
            at = lineEnd + 2;
            if (size == 0) {
                // trailer fields, if any, then an empty line
                while (true) {
                    int trailerEnd = indexOf(data, at, "\r\n");
                    if (trailerEnd < 0) {
                        return Optional.empty();
                    }
                    if (trailerEnd == at) {
                        return Optional.of(body.toByteArray());
                    }
                    at = trailerEnd + 2;
                }
            }
            if (data.length < at + size + 2) {
                return Optional.empty();
            }
            if (data[at + size] != '\r' || data[at + size + 1] != '\n') {
                throw new IOException("chunk of " + size + " bytes is not followed by CRLF");
            }
            body.write(data, at, size);
            at += size + 2;
        }
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
    }

    private static long contentLength(String value) throws IOException {
        try {
            long size = Long.parseLong(value.strip());
            if (size < 0 || size > MAX_BYTES) {
                throw new IOException("Content-Length out of range: " + value);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + value);
        }
    }

    private static int indexOf(byte[] data, int from, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] slice(byte[] data, int from, int length) {
        byte[] part = new byte[length];
        System.arraycopy(data, from, part, 0, length);
        return part;
    }
}
