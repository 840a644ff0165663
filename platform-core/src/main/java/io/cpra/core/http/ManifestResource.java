package io.cpra.core.http;

import io.cpra.core.engine.ApplyReport;
import io.cpra.core.ops.Control;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code POST /api/v1/manifest/reload}: the manifest file read again and its difference applied,
 * as SIGHUP does. Progress of a large manifest goes to the server's console, as at start.
 * Thread-safe (stateless between calls; the control plane orders reloads with other changes).
 */
final class ManifestResource {

    static final String RELOAD = ApiRouting.PREFIX + "/manifest/reload";
    /** A million monitors take tens of seconds to read; the reload goes on if the caller gives up. */
    static final Duration WAIT = Duration.ofMinutes(5);

    private final Control control;
    private final PrintStream progress;
    private final JsonBodies bodies;

    ManifestResource(Control control, PrintStream progress, JsonBodies bodies) {
        this.control = control;
        this.progress = progress;
        this.bodies = bodies;
    }

    List<Route> routes() {
        return List.of(new Route(Method.POST, RELOAD, this::reload));
    }

    private void reload(Call call) throws ExecutionException {
        call.query(Set.of());
        bodies.none(call.request(), "a reload reads the manifest file again; edit the file, then reload");
        ApplyReport report = (ApplyReport) Changes.await(control.reload(progress, call.actor()), WAIT).body();
        call.reply(Status.OK_200, Wire.JSON.createObjectBuilder()
                .add("added", names(report.added()))
                .add("changed", names(report.changed()))
                .add("unchanged", report.unchanged())
                .add("removed", names(report.removed()))
                .build());
    }

    private static JsonArrayBuilder names(List<String> names) {
        JsonArrayBuilder array = Wire.JSON.createArrayBuilder();
        names.forEach(array::add);
        return array;
    }
}
