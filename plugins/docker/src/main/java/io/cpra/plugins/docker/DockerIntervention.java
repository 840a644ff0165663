package io.cpra.plugins.docker;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugins.docker.engine.HttpResponse;
import io.cpra.plugins.docker.engine.UnixHttpClient;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;

/**
 * One prepared {@code docker} target. Immutable, so safe for concurrent calls; holds the shared
 * client of its socket, the container's name and the operation's parameters.
 *
 * <p>Outcomes: 204 (and 304 for a start, 409 for the kill of a stopped container) succeed; 404
 * fails with {@code no such container <name>}; other statuses fail with the Engine's own
 * {@code message}; an absent socket fails naming its path.
 */
final class DockerIntervention implements Intervention {

    private static final int MAX_MESSAGE = 500;

    private final UnixHttpClient client;
    private final String container;
    private final Operation operation;
    private final long timeoutSeconds;
    private final String signal;
    private final String prefix;

    DockerIntervention(UnixHttpClient client, String container, Operation operation, long timeoutSeconds, String signal,
                       String prefix) {
        this.client = client;
        this.container = container;
        this.operation = operation;
        this.timeoutSeconds = timeoutSeconds;
        this.signal = signal;
        this.prefix = prefix;
    }

    @Override
    public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) throws InterruptedException {
        if (!Files.exists(client.socket())) {
            return InterventionOutcome.failed("Docker socket " + client.socket()
                    + " does not exist: is the Docker Engine running here, or does the socket key point elsewhere?");
        }
        try {
            return switch (operation) {
                case RESTART -> outcome(call("restart?t=" + timeoutSeconds, deadline), "restarted");
                case START -> outcome(call("start", deadline), "started");
                case KILL_START -> {
                    HttpResponse kill = call("kill?signal=" + signal, deadline);
                    // 409: the container is not running, which is as good as killed.
                    if (kill.status() != 204 && kill.status() != 409) {
                        yield outcome(kill, "killed");
                    }
                    yield outcome(call("start", deadline), "killed and started");
                }
            };
        } catch (IOException e) {
            return InterventionOutcome.failed("cannot reach the Docker Engine at " + client.socket() + ": " + e.getMessage());
        }
    }

    private HttpResponse call(String action, Deadline deadline) throws IOException, InterruptedException {
        return client.send("POST", prefix + "/containers/" + container + "/" + action, deadline);
    }

    private InterventionOutcome outcome(HttpResponse response, String done) {
        return switch (response.status()) {
            case 204 -> InterventionOutcome.succeeded("container " + container + " " + done);
            case 304 -> InterventionOutcome.succeeded("container " + container + " was already running");
            case 404 -> InterventionOutcome.failed("no such container " + container).withOutput(message(response));
            default -> InterventionOutcome.failed("Docker Engine answered HTTP " + response.status() + ": " + message(response));
        };
    }

    /** The Engine's error message: the {@code message} field of its JSON body, else the body's text. */
    static String message(HttpResponse response) {
        String text = response.text().strip();
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject body = reader.readObject();
            if (body.get("message") instanceof JsonString message) {
                text = message.getString();
            }
        } catch (JsonException | IllegalStateException notJson) {
            // not a JSON object: the text itself is the best message there is
        }
        text = text.replaceAll("\\s+", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE - 3) + "..." : text;
    }

    @Override
    public String toString() {
        return "docker " + operation.name().toLowerCase(java.util.Locale.ROOT) + " " + container + " via " + client.socket();
    }
}
