package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugin.api.ValueType;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.HttpTarget;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The {@code webhook} intervention: calls an HTTP endpoint (a deploy hook, an orchestrator's
 * restart API) and succeeds when the status is one of {@code expected_status}. Connection
 * failures, timeouts, 408, 425, 429 and 5xx are retried inside the attempt with exponential
 * backoff and jitter ({@link Backoff}, run by Helidon Fault Tolerance's Retry), never past the
 * attempt's deadline; other unexpected statuses fail at once.
 *
 * <pre>{@code
 * intervention:
 *   action: webhook
 *   retries: 2
 *   config:
 *     url: https://deploy.example.com/hooks/restart
 *     headers:
 *       Authorization: Bearer s3cret
 *     body: '{"service": "${monitor}", "reason": "${last_error}"}'
 *     expected_status: [200, 202]
 * }</pre>
 */
public final class WebhookInterventionPlugin implements InterventionPlugin {

    static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "GET", "DELETE");

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "webhook",
            "Calls an HTTP endpoint to remediate, retrying transient failures within the attempt's deadline",
            ConfigKey.required("url", ValueType.STRING, "the http:// or https:// URL to call")
                    .withRoles(KeyRole.TARGET_URL, KeyRole.SECRET),
            ConfigKey.optional("method", ValueType.STRING, "POST", "POST, PUT, PATCH, GET or DELETE"),
            ConfigKey.optional("headers", ValueType.MAP, null, "extra request headers; a map of name to value")
                    .withRoles(KeyRole.SECRET),
            ConfigKey.optional("body", ValueType.STRING, "a JSON document with every field",
                    "request body with ${monitor}, ${last_error}, ${attempt}, ${max_attempts}, ${incident_id}; "
                            + "values are JSON-escaped for JSON bodies; none for GET and DELETE"),
            ConfigKey.optional("content_type", ValueType.STRING, "application/json", "the body's media type"),
            ConfigKey.optional("expected_status", ValueType.LIST, "2xx",
                    "statuses that mean success: codes (202), classes (2xx) or ranges (200-204), one or a list"),
            ConfigKey.optional("attempts", ValueType.INTEGER, "3",
                    "calls at most within one intervention attempt, the first included (1 to 20)"),
            ConfigKey.optional("backoff", ValueType.DURATION, "500ms", "delay before the second call; doubles each call"),
            ConfigKey.optional("backoff_max", ValueType.DURATION, "5s", "longest delay between two calls"),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long one call may take at most; the attempt's deadline may cut it shorter"));

    private final HttpSender sender;
    private final DoubleSupplier random;
    private final SharedInstances<WebhookIntervention.Settings, WebhookIntervention> shared = SharedInstances.create();

    /** Creates the provider with its own HTTP client; called by {@link java.util.ServiceLoader}. */
    public WebhookInterventionPlugin() {
        this(HttpSender.create(), () -> ThreadLocalRandom.current().nextDouble());
    }

    WebhookInterventionPlugin(HttpSender sender, DoubleSupplier random) {
        this.sender = sender;
        this.random = random;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Intervention prepare(PluginConfig config, PluginContext context) {
        String method = HttpTarget.method(config, "method", "POST", METHODS);
        HttpTarget target = new HttpTarget(HttpTarget.url(config, "url", config.string("url")), method,
                HttpTarget.headers(config, "headers"), HttpTarget.timeout(config, "timeout", HttpTarget.DEFAULT_TIMEOUT));
        boolean bodiless = method.equals("GET") || method.equals("DELETE");
        if (bodiless && config.has("body")) {
            throw config.error("body", method + " requests carry no body; use POST, PUT or PATCH");
        }
        String contentType = config.string("content_type", "application/json").strip();
        if (!HttpTarget.fieldValue(contentType)) {
            throw config.error("content_type", "must not contain line breaks, NUL or other control characters");
        }
        if (contentType.isEmpty() || contentType.indexOf('/') < 0) {
            throw config.error("content_type", "expected a media type such as application/json, got \"" + contentType + "\"");
        }
        BodyTemplate body = bodiless ? null
                : BodyTemplate.compile(config, "body", config.string("body", BodyTemplate.DEFAULT_JSON), contentType);
        List<String> expected = config.strings("expected_status");
        StatusSet statuses = StatusSet.parse(config, "expected_status", expected.isEmpty() ? List.of("2xx") : expected);
        int attempts = config.integer("attempts", 3);
        if (attempts < 1 || attempts > 20) {
            throw config.error("attempts", "expected 1 to 20, got " + attempts);
        }
        Duration backoff = config.duration("backoff", Duration.ofMillis(500));
        Duration backoffMax = config.duration("backoff_max", Duration.ofSeconds(5));
        if (backoff.isNegative()) {
            throw config.error("backoff", "must not be negative, got " + config.string("backoff"));
        }
        if (backoffMax.compareTo(backoff) < 0) {
            throw config.error("backoff_max", "must not be shorter than backoff (" + config.string("backoff", "500ms") + ")");
        }
        WebhookIntervention.Settings settings = new WebhookIntervention.Settings(target, contentType, body, statuses,
                attempts, backoff, backoffMax);
        return shared.acquire(settings, key -> new WebhookIntervention(key, sender, random, shared));
    }

    /** Distinct interventions held, for tests. */
    int instances() {
        return shared.size();
    }

    @Override
    public void close() {
        sender.close();
    }
}
