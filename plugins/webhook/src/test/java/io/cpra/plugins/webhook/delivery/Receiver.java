package io.cpra.plugins.webhook.delivery;

import io.helidon.http.Header;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on loopback for tests: a Helidon WebServer that records every request
 * and answers with scripted statuses.
 */
public final class Receiver implements AutoCloseable {

    /**
     * One recorded request.
     *
     * @param method  the method
     * @param path    the path
     * @param headers the headers, names in lower case
     * @param body    the body as text
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {

        /**
         * The body parsed as a JSON object.
         *
         * @return the object
         */
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /**
         * A header by name, any case.
         *
         * @param name the name
         * @return its value, or null
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Answer(int status, String body) {
    }

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer standing = new Answer(200, "ok");
    private volatile Duration delay = Duration.ZERO;
    private final WebServer server;

    private Receiver() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.any(this::handle))
                .build()
                .start();
    }

    /**
     * Starts a receiver on a free loopback port that answers 200 "ok".
     *
     * @return the running receiver
     */
    public static Receiver start() {
        return new Receiver();
    }

    /**
     * The URL of a path on this receiver.
     *
     * @param path such as {@code /hook}
     * @return the URL
     */
    public String url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path).toString();
    }

    /**
     * Answers every request from now on with this status and body.
     *
     * @param status the status
     * @param body   the body
     * @return this receiver
     */
    public Receiver always(int status, String body) {
        standing = new Answer(status, body);
        return this;
    }

    /**
     * Answers the next requests with these statuses, one each, then as {@link #always} says.
     *
     * @param statuses the statuses in order
     * @return this receiver
     */
    public Receiver next(int... statuses) {
        for (int status : statuses) {
            script.add(new Answer(status, "scripted " + status));
        }
        return this;
    }

    /**
     * Holds every answer back this long, to play a slow receiver.
     *
     * @param delay how long to wait before answering
     * @return this receiver
     */
    public Receiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    /**
     * The next recorded request, waiting up to five seconds.
     *
     * @return the request
     * @throws AssertionError when none arrived
     */
    public Request take() throws InterruptedException {
        Request request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived at " + url("/"));
        }
        return request;
    }

    /**
     * Every request recorded and not yet taken.
     *
     * @return the requests, oldest first
     */
    public List<Request> drain() {
        List<Request> all = new ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    private void handle(ServerRequest request, ServerResponse response) throws InterruptedException {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : request.headers()) {
            headers.put(header.name().toLowerCase(Locale.ROOT), header.get());
        }
        String body = request.content().hasEntity() ? request.content().as(String.class) : "";
        requests.add(new Request(request.prologue().method().text(), request.path().path(), headers, body));
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
        Answer answer = script.poll();
        if (answer == null) {
            answer = standing;
        }
        response.status(Status.create(answer.status())).send(answer.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
