package io.cpra.core.http;

import io.cpra.core.ops.Control;
import io.cpra.core.trust.ApiPolicy;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/policy}: what monitors defined through the API may do, and the stored API
 * monitors the policy refuses (which do not run) with every reason. Thread-safe.
 */
final class PolicyResource {

    static final String PATH = ApiRouting.PREFIX + "/policy";

    private final Control control;

    PolicyResource(Control control) {
        this.control = control;
    }

    List<Route> routes() {
        return List.of(new Route(Method.GET, PATH, this::policy));
    }

    private void policy(Call call) {
        call.query(Set.of());
        call.reply(Status.OK_200, document(control.policy(), control.refused()));
    }

    static JsonObject document(ApiPolicy policy, List<Control.RefusedMonitor> refused) {
        JsonObjectBuilder plugins = Wire.JSON.createObjectBuilder()
                .add("pulse", texts(policy.pulses().stream().sorted().toList()))
                .add("intervention", texts(policy.interventions().stream().sorted().toList()))
                .add("code", texts(policy.codes().stream().sorted().toList()));
        JsonArrayBuilder monitors = Wire.JSON.createArrayBuilder();
        for (Control.RefusedMonitor monitor : refused) {
            monitors.add(Wire.JSON.createObjectBuilder().add("name", monitor.name())
                    .add("reasons", texts(monitor.reasons())));
        }
        return Wire.JSON.createObjectBuilder()
                .add("allow_commands", policy.allowCommands())
                .add("plugins", plugins)
                .add("write_paths", texts(policy.writePaths()))
                .add("read_paths", texts(policy.readPaths()))
                .add("targets", Wire.JSON.createObjectBuilder()
                        .add("allow", texts(policy.targetAllow()))
                        .add("deny", texts(policy.targetDeny())))
                .add("body_match_deny", texts(policy.bodyMatchDeny()))
                .add("secret_env_prefix", policy.secretEnvPrefix())
                .add("refused", monitors)
                .build();
    }

    private static JsonArrayBuilder texts(Collection<String> values) {
        JsonArrayBuilder array = Wire.JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
