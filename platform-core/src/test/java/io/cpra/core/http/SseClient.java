package io.cpra.core.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Server-Sent Events client over the JDK's HTTP client: a reader thread parses the stream
 * into frames (an event with its name and data, or a comment) and queues them for the test.
 * Construction returns once the server's {@code connected} comment arrived, so the
 * subscription exists before the test makes anything happen.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event, or one comment line. */
    record Frame(String event, String data, String comment) {

        JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }
    }

    private static final Frame END = new Frame(null, null, null);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;
    final HttpResponse<Stream<String>> response;

    SseClient(ApiFixture api, String query, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(EventsResource.PATH + query)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            response = api.client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        lines = response.body();
        reader = Thread.ofVirtual().start(this::read);
        assertThat(next().comment()).isEqualTo("connected");
    }

    private void read() {
        String event = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.add(new Frame(event == null ? "message" : event, data.toString(), null));
                    }
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).stripLeading();
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream, or the server ended it
        } finally {
            frames.add(END);
        }
    }

    /** The next frame, event or comment; fails the test after 10 s without one. */
    Frame next() {
        try {
            Frame frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            assertThat(frame).as("the stream ended").isNotSameAs(END);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event, skipping comments. */
    Frame nextEvent() {
        Frame frame = next();
        while (frame.comment() != null) {
            frame = next();
        }
        return frame;
    }

    /** Waits up to {@code within} for the server to end the stream; the comments it sent before. */
    String awaitEnd(Duration within) throws InterruptedException {
        StringBuilder comments = new StringBuilder();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame == END) {
                return comments.toString();
            }
            if (frame != null && frame.comment() != null) {
                comments.append(frame.comment()).append('\n');
            }
        }
        throw new AssertionError("the stream did not end within " + within + "; comments: " + comments);
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
