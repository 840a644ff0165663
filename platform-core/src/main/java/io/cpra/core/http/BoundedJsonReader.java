package io.cpra.core.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one JSON value from a request body over jakarta.json's streaming parser, checking the
 * limits event by event as the text is parsed — nesting depth, string and key length, number
 * size, duplicate keys — so a hostile body is refused at the first token past a limit instead of
 * after a tree of it was built. The body's size is bounded by the caller
 * ({@link JsonBodies}); a string is checked as soon as the parser hands it over. Every refusal is
 * an {@link ApiException} 400 naming the JSON path and the line and column. Immutable and
 * thread-safe; each call uses its own parser.
 */
final class BoundedJsonReader {

    /** Longest number text; far beyond any threshold or duration, far below anything costly. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Largest decimal exponent a number may have, so later conversions stay cheap. */
    static final int MAX_NUMBER_SCALE = 1024;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern PARSER_POSITION = Pattern.compile("\\s*at \\(line no=\\d+, column no=\\d+, offset=-?\\d+\\)");

    private final int maxStringLength;
    private final int maxDepth;

    BoundedJsonReader(int maxStringLength, int maxDepth) {
        this.maxStringLength = maxStringLength;
        this.maxDepth = maxDepth;
    }

    /**
     * Reads a whole document: one value and nothing after it.
     *
     * @param text the body, decoded
     * @return the value
     * @throws ApiException 400 for malformed JSON or a limit passed; the cause's 413 when the
     *                      reader was cut off by the body limit
     */
    JsonValue read(Reader text) {
        PushbackReader in = new PushbackReader(text);
        try {
            int first = in.read();
            while (first == ' ' || first == '\t' || first == '\n' || first == '\r') {
                first = in.read();
            }
            if (first < 0) {
                throw ApiException.badRequest("the body is empty; expected JSON");
            }
            in.unread(first);
        } catch (IOException e) {
            throw readFailure(e);
        }
        try (JsonParser parser = JSON.createParser(in)) {
            JsonValue value = parse(parser);
            if (parser.hasNext()) {
                parser.next();
                throw malformed("unexpected text after the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonParsingException e) {
            throw malformed(e.getMessage(), e.getLocation());
        } catch (JsonException e) {
            if (e.getCause() instanceof IOException io) {
                throw readFailure(io);
            }
            throw malformed(e.getMessage(), null);
        }
    }

    /** The body limit cut the text off, its bytes are not UTF-8, or the client went away. */
    private static ApiException readFailure(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodies.TooLarge tooLarge) {
                return tooLarge.refusal();
            }
            if (cause instanceof CharacterCodingException) {
                return ApiException.badRequest("the body is not valid UTF-8");
            }
        }
        return ApiException.badRequest("the body could not be read to its end");
    }

    private JsonValue parse(JsonParser parser) {
        Deque<Frame> open = new ArrayDeque<>();
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            Frame top = open.peek();
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    String path = top == null ? "" : top.childPath();
                    if (open.size() >= maxDepth) {
                        throw refuse(path, "nests deeper than " + maxDepth + " levels", parser.getLocation());
                    }
                    open.push(event == JsonParser.Event.START_OBJECT ? Frame.object(path) : Frame.array(path));
                }
                case KEY_NAME -> top.key(checked(parser.getString(), top.path, "a key", parser), parser);
                case VALUE_STRING -> {
                    String path = top == null ? "" : top.childPath();
                    JsonValue value = JSON.createValue(checked(parser.getString(), path, "a string", parser));
                    if (top == null) {
                        return value;
                    }
                    top.add(value);
                }
                case VALUE_NUMBER -> {
                    JsonValue value = number(parser, top == null ? "" : top.childPath());
                    if (top == null) {
                        return value;
                    }
                    top.add(value);
                }
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    JsonValue value = event == JsonParser.Event.VALUE_TRUE ? JsonValue.TRUE
                            : event == JsonParser.Event.VALUE_FALSE ? JsonValue.FALSE : JsonValue.NULL;
                    if (top == null) {
                        return value;
                    }
                    top.add(value);
                }
                case END_OBJECT, END_ARRAY -> {
                    JsonValue done = open.pop().build();
                    if (open.isEmpty()) {
                        return done;
                    }
                    open.peek().add(done);
                }
            }
        }
        throw malformed("the JSON text ends too early", parser.getLocation());
    }

    private String checked(String text, String path, String what, JsonParser parser) {
        if (text.length() > maxStringLength) {
            throw refuse(path, what + " longer than " + maxStringLength + " characters", parser.getLocation());
        }
        return text;
    }

    private static JsonValue number(JsonParser parser, String path) {
        String text = parser.getString();
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw refuse(path, "a number longer than " + MAX_NUMBER_LENGTH + " characters", parser.getLocation());
        }
        BigDecimal value = parser.getBigDecimal();
        if (Math.abs(value.scale()) > MAX_NUMBER_SCALE) {
            throw refuse(path, "a number with an exponent beyond " + MAX_NUMBER_SCALE, parser.getLocation());
        }
        return JSON.createValue(value);
    }

    private static ApiException refuse(String path, String problem, JsonLocation at) {
        String where = path.isEmpty() ? "the body" : path;
        String message = where + ": " + problem + " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        return ApiException.badRequest(message, List.of(new ApiException.FieldError(path, problem)));
    }

    private static ApiException malformed(String detail, JsonLocation at) {
        String position = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        // the parser repeats the position in its own words; once is enough
        String why = detail == null ? "" : PARSER_POSITION.matcher(detail).replaceAll("");
        return ApiException.badRequest("the body is not valid JSON" + position + (why.isBlank() ? "" : ": " + why));
    }

    /** An object or array being read, with the JSON path of its members. */
    private static final class Frame {
        final String path;
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final Set<String> keys;
        String key;
        int index;

        private Frame(String path, JsonObjectBuilder object, JsonArrayBuilder array) {
            this.path = path;
            this.object = object;
            this.array = array;
            this.keys = object == null ? null : new HashSet<>();
        }

        static Frame object(String path) {
            return new Frame(path, JSON.createObjectBuilder(), null);
        }

        static Frame array(String path) {
            return new Frame(path, null, JSON.createArrayBuilder());
        }

        void key(String name, JsonParser parser) {
            key = name;
            if (!keys.add(name)) {
                throw refuse(childPath(), "the key appears twice", parser.getLocation());
            }
        }

        String childPath() {
            if (object == null) {
                return path + "[" + index + "]";
            }
            return path.isEmpty() ? key : path + "." + key;
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
                index++;
            }
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }
}
