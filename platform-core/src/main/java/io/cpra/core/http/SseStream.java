package io.cpra.core.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events stream written straight onto the response, one flush per frame.
 *
 * <p>Written here rather than through Helidon's SSE sink because that sink (4.3.0) cannot send
 * a comment without a data line, and the stream's heartbeats and closing notices are comments:
 * an {@code EventSource} ignores them, where an empty data line would dispatch an empty event.
 * The format is small (WHATWG HTML, "Server-sent events"): {@code event:} and {@code data:}
 * lines ended by a blank line, and {@code :} comment lines. Used by one request thread.
 */
final class SseStream implements AutoCloseable {

    private final OutputStream out;

    /** Sends the status and headers at once, so the client knows it is subscribed. */
    SseStream(ServerResponse response) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        // keeps reverse proxies such as nginx from buffering the stream
        response.header("X-Accel-Buffering", "no");
        this.out = response.outputStream();
    }

    /**
     * Sends one event.
     *
     * @param name the event's name
     * @param data its data on one line (compact JSON has no line breaks)
     * @throws UncheckedIOException when the client went away
     */
    void event(String name, String data) {
        if (name.indexOf('\n') >= 0 || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's name and data must be one line each");
        }
        write("event: " + name + "\ndata: " + data + "\n\n");
    }

    /**
     * Sends a comment, which clients show to no listener.
     *
     * @param text one line
     * @throws UncheckedIOException when the client went away
     */
    void comment(String text) {
        write(": " + text.replace('\n', ' ') + "\n\n");
    }

    private void write(String frame) {
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the response. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | UncheckedIOException e) {
            // the client is gone already; there is nothing left to end
        }
    }
}
