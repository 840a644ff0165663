package io.cpra.core.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads request bodies as JSON within the configured limits: a declared {@code Content-Length}
 * over the limit is refused before a byte is read, and a chunked body is cut off as soon as it
 * passes the limit; both answer 413. The text must be UTF-8 (RFC 8259); it is read whatever the
 * {@code Content-Type} says, since {@code curl -d} labels JSON as a form. Thread-safe.
 */
final class JsonBodies {

    private final int maxBytes;
    private final BoundedJsonReader reader;

    JsonBodies(ApiSettings settings) {
        this.maxBytes = settings.maxBodyBytes();
        this.reader = new BoundedJsonReader(settings.maxStringLength(), settings.maxDepth());
    }

    /**
     * Reads a body that must be a JSON object when present.
     *
     * @param request the request
     * @return the object, or empty when the body is missing or only whitespace
     * @throws ApiException 413 over the size limit, 400 for anything but a JSON object within the limits
     */
    Optional<JsonObject> optionalObject(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Optional.empty();
        }
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            PushbackInputStream in = new PushbackInputStream(new Limited(request.content().inputStream(), maxBytes));
            int first = in.read();
            while (first == ' ' || first == '\t' || first == '\n' || first == '\r') {
                first = in.read();
            }
            if (first < 0) {
                return Optional.empty();
            }
            in.unread(first);
            Reader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            JsonValue value = reader.read(text);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("the body must be a JSON object, not " + article(value.getValueType()));
            }
            return Optional.of(value.asJsonObject());
        } catch (TooLarge e) {
            throw e.refusal();
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read to its end");
        }
    }

    /**
     * Refuses a body on a route that takes none, rather than ignoring it: a caller who sends one
     * (a manifest posted to reload, say) expects it to count.
     *
     * @param request the request
     * @param why     what the route acts on instead, for the message
     * @throws ApiException 400 when the body holds anything but whitespace, 413 over the size limit
     */
    void none(ServerRequest request, String why) {
        if (!request.content().hasEntity()) {
            return;
        }
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = new Limited(request.content().inputStream(), maxBytes)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    throw ApiException.badRequest("this route takes no body; " + why);
                }
            }
        } catch (TooLarge e) {
            throw e.refusal();
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read to its end");
        }
    }

    private static String article(JsonValue.ValueType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
        };
    }

    static ApiException tooLarge(int maxBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "the body is larger than " + maxBytes
                + " bytes (cpra.api.limits.body)");
    }

    /** Thrown by the stream when the body passes the limit; the parser passes it on as a cause. */
    static final class TooLarge extends IOException {
        private final int maxBytes;

        TooLarge(int maxBytes) {
            super(String.format(Locale.ROOT, "more than %d bytes", maxBytes), null);
            this.maxBytes = maxBytes;
        }

        ApiException refusal() {
            return tooLarge(maxBytes);
        }
    }

    /** A stream that fails once more than {@code max} bytes were read from it. */
    private static final class Limited extends FilterInputStream {
        private final int max;
        private long count;

        Limited(InputStream in, int max) {
            super(in);
            this.max = max;
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
            count += n;
            if (count > max) {
                throw new TooLarge(max);
            }
        }
    }
}
