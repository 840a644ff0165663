package io.cpra.core.ops;

import io.cpra.core.engine.ApplyReport;
import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.manifest.ManifestError;
import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.ManifestResult;
import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.plugin.MonitorCompiler;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.MonitorHold;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.cpra.core.storage.StoredMonitor;
import io.cpra.core.trust.ApiPolicy;
import io.cpra.core.trust.PolicyCheck;
import io.cpra.core.trust.Redaction;
import jakarta.json.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Changes to the monitor set that must be written down before they take effect: monitors
 * created, replaced and deleted through the API, pauses and maintenance windows, and manifest
 * reloads. Each change is validated with the manifest's own rules, written to storage, and only
 * then applied to the engine, so an acknowledged change survives a crash and an invalid one
 * changes nothing.
 *
 * <p><b>One change at a time.</b> Changes run in order on a single thread of their own, so two
 * requests for the same monitor cannot interleave between storage and engine. Methods return at
 * once with a future.
 *
 * <p><b>Who owns a monitor.</b> The manifest file owns the monitors it defines: the API cannot
 * replace or delete them (409), and a reload replaces only them. The API owns the monitors it
 * created; a reload leaves them alone, and a manifest that defines one of their names is
 * refused at reload. At start, should the manifest define a name that storage also holds from
 * the API, the manifest wins and the stored definition is removed, with a warning.
 *
 * <p><b>What the API may define.</b> API monitors are held to the {@link ApiPolicy} before any
 * plugin prepares them (403 when refused), and again at every start and reload: a stored
 * monitor the policy now refuses stays in storage but does not run, and is listed by
 * {@link #refused()} until it is replaced or deleted. Definitions are shown with their secrets
 * masked ({@link Redaction}); a replacement that sends a mask back keeps the stored secret.
 */
public final class Control implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Control.class.getName());

    private final Engine engine;
    private final Storage storage;
    private final PluginRegistry registry;
    private final MonitorCompiler compiler;
    private final ControlSettings settings;
    private final InstantSource wall;
    private final ManifestReader reader;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("cpra-control").daemon().factory());
    /**
     * Reads and prepares reloaded manifests, one at a time and in order, so that a large or
     * hostile file never holds the changes thread that API writes wait on.
     */
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("cpra-reload").daemon().factory());
    /** The change running on the changes thread; read and written only there. */
    private Change current;
    /** API monitors' stored definitions, by name; changed only on the changes thread. */
    private final Map<String, StoredMonitor> apiMonitors = new ConcurrentHashMap<>();
    /** Stored API monitors the policy refuses, by name; changed only on the changes thread. */
    private final Map<String, RefusedMonitor> refused = new ConcurrentHashMap<>();
    private final PolicyCheck policy;

    /**
     * Creates the control plane.
     *
     * @param engine   the running engine
     * @param storage  the open store
     * @param registry the installed plugins
     * @param settings where the manifest is and what the API may do
     * @param wall     wall clock for stored times
     */
    public Control(Engine engine, Storage storage, PluginRegistry registry, ControlSettings settings, InstantSource wall) {
        this.engine = engine;
        this.storage = storage;
        this.registry = registry;
        this.settings = settings;
        this.wall = wall;
        this.compiler = new MonitorCompiler(registry, settings.home(), settings.codeCooldown());
        this.reader = ManifestReader.builder(registry).limits(settings.manifestLimits())
                .trial(compiler::refusal).build();
        this.policy = PolicyCheck.create(settings.policy(), registry, settings.home());
    }

    // ---- start ------------------------------------------------------------------------------

    /**
     * Compiles the monitors storage holds from the API, leaving out those the manifest also
     * defines (the manifest wins; their stored definitions are removed) and those that no longer
     * validate (kept in storage, reported).
     *
     * @param manifestNames the names the manifest defines
     * @return the API monitors' plans
     */
    public List<MonitorPlan> storedApiMonitors(Collection<String> manifestNames) {
        Set<String> taken = Set.copyOf(manifestNames);
        List<MonitorPlan> plans = new ArrayList<>();
        StorageBatch shadowed = new StorageBatch();
        for (StoredMonitor stored : storage.monitors()) {
            if (taken.contains(stored.name())) {
                LOG.log(System.Logger.Level.WARNING, "monitor " + stored.name() + " is defined in the manifest and "
                        + "through the API; the manifest wins and the API definition is removed");
                shadowed.deleteMonitor(stored.name());
                continue;
            }
            admit(stored).ifPresent(plans::add);
        }
        if (!shadowed.isEmpty()) {
            storage.write(shadowed);
        }
        return plans;
    }

    /**
     * Validates a stored API monitor, holds it to the policy and compiles it; a refused one is
     * listed in {@link #refused()} and logged, an invalid one logged.
     *
     * @return the plan, or empty when the monitor does not run
     */
    private Optional<MonitorPlan> admit(StoredMonitor stored) {
        Map<String, Object> definition = Definitions.map(stored.definition());
        List<MonitorPlan> compiled = new ArrayList<>();
        List<PolicyCheck.Refusal> refusals = new ArrayList<>();
        ManifestResult result = reader.validateMonitor("stored monitor " + stored.name(), definition, d -> {
            refusals.addAll(policy.check(d));
            if (refusals.isEmpty()) {
                compiler.compile(d).ifPresent(compiled::add);
            }
        });
        if (!result.ok()) {
            compiled.forEach(Loader::close);
            LOG.log(System.Logger.Level.ERROR, "monitor " + stored.name() + " defined through the API no longer "
                    + "validates and is not loaded:\n" + Redaction.scrub(result.describe(),
                    Redaction.secrets(definition, registry)));
            return Optional.empty();
        }
        if (!refusals.isEmpty()) {
            List<String> reasons = refusals.stream().map(PolicyCheck.Refusal::toString).toList();
            refused.put(stored.name(), new RefusedMonitor(stored.name(), reasons, stored));
            apiMonitors.remove(stored.name());
            LOG.log(System.Logger.Level.WARNING, "monitor " + stored.name() + " defined through the API is refused by "
                    + "the API policy and does not run: " + String.join("; ", reasons));
            return Optional.empty();
        }
        refused.remove(stored.name());
        apiMonitors.put(stored.name(), stored);
        return compiled.stream().findFirst().map(plan -> plan.from(MonitorPlan.Origin.API));
    }

    /**
     * The stored API monitors the policy refuses, which do not run: at start or reload they
     * no longer passed. Replacing or deleting one takes it off the list.
     *
     * @return the refused monitors, by name
     */
    public List<RefusedMonitor> refused() {
        return refused.values().stream().sorted(java.util.Comparator.comparing(RefusedMonitor::name)).toList();
    }

    /**
     * The policy API monitors are held to.
     *
     * @return the policy
     */
    public ApiPolicy policy() {
        return policy.policy();
    }

    /**
     * A stored API monitor that does not run because the policy refuses it.
     *
     * @param name    its name
     * @param reasons each refusal, as {@code key.path: reason}
     * @param stored  its stored definition
     */
    public record RefusedMonitor(String name, List<String> reasons, StoredMonitor stored) {

        /** Copies the list. */
        public RefusedMonitor {
            reasons = List.copyOf(reasons);
        }
    }

    // ---- monitors ---------------------------------------------------------------------------

    /**
     * Creates a monitor.
     *
     * @param body  the monitor as a manifest entry, its {@code name} included
     * @param actor the name of the token that asks, recorded in the event history
     * @return 201 with the monitor, or 400, 403, 409, 503
     */
    public CompletableFuture<Outcome> create(Map<String, Object> body, String actor) {
        return change(() -> define(body, false, actor));
    }

    /**
     * Replaces a monitor defined through the API, or creates it.
     *
     * @param name the monitor's name, from the path
     * @param body the monitor as a manifest entry; a {@code name} in it must match
     * @param actor the name of the token that asks, recorded in the event history
     * @return 200 (replaced) or 201 (created), or 400, 403, 409, 503
     */
    public CompletableFuture<Outcome> replace(String name, Map<String, Object> body, String actor) {
        return change(() -> {
            Object bodyName = body.get("name");
            if (bodyName != null && !name.equals(String.valueOf(bodyName))) {
                return Outcome.invalid(List.of(new Outcome.Problem("name", "the name in the body (" + bodyName
                        + ") differs from the one in the path (" + name + ")")));
            }
            Map<String, Object> named = new LinkedHashMap<>(body);
            named.put("name", name);
            return define(named, true, actor);
        });
    }

    /**
     * Deletes a monitor defined through the API.
     *
     * @param name  its name
     * @param actor the name of the token that asks, recorded in the event history
     * @return 204, or 404, 409, 503
     */
    public CompletableFuture<Outcome> delete(String name, String actor) {
        return change(() -> {
            Optional<MonitorView> view = engine.view(name).join();
            if (view.isEmpty() && refused.containsKey(name)) {
                storage.write(new StorageBatch().deleteMonitor(name));
                refused.remove(name);
                return Outcome.done(204, null);
            }
            if (view.isEmpty()) {
                return Outcome.notFound(name);
            }
            if (view.get().origin() == MonitorPlan.Origin.MANIFEST) {
                return Outcome.conflict(name + " is defined in " + settings.manifest() + "; change it there");
            }
            write(new StorageBatch().deleteMonitor(name).addEvent(changed(name, "deleted", actor)));
            apiMonitors.remove(name);
            engine.remove(name).join();
            return Outcome.done(204, null);
        });
    }

    private Outcome define(Map<String, Object> sent, boolean replacing, String actor) {
        String name = String.valueOf(sent.get("name"));
        if (!replacing && refused.containsKey(name)) {
            return Outcome.conflict(name + " exists but is refused by the API policy (see GET /api/v1/policy); "
                    + "replace it with PUT /api/v1/monitors/" + name + " or delete it");
        }
        Map<String, Object> body = replacing ? restoreSecrets(name, sent) : sent;
        List<String> masks = Redaction.masked(body, registry);
        if (!masks.isEmpty()) {
            return Outcome.invalid(masks.stream().map(path -> new Outcome.Problem(path, Redaction.MASK
                    + " stands for a stored secret, and there is none to keep here; give the value")).toList());
        }
        List<String> secrets = Redaction.secrets(body, registry);
        List<MonitorPlan> compiled = new ArrayList<>();
        List<MonitorDefinition> definitions = new ArrayList<>();
        List<PolicyCheck.Refusal> refusals = new ArrayList<>();
        ManifestResult result = reader.validateMonitor("request body", body, d -> {
            definitions.add(d);
            // the policy comes before the plugin: a refused block must not create, open or probe anything
            refusals.addAll(policy.check(d));
            if (refusals.isEmpty()) {
                compiler.compile(d).ifPresent(compiled::add);
            }
        });
        if (!result.ok()) {
            compiled.forEach(Loader::close);
            return Outcome.invalid(result.errors().stream().map(e -> problem(e, secrets)).toList());
        }
        if (!refusals.isEmpty()) {
            PolicyCheck.Refusal first = refusals.get(0);
            return new Outcome(403, "the API policy refuses this monitor: " + first.path() + ": " + first.reason()
                    + (refusals.size() == 1 ? "" : " (and " + (refusals.size() - 1) + " more)"),
                    refusals.stream().map(r -> new Outcome.Problem(r.path(), r.reason())).toList(), null);
        }
        MonitorPlan plan = compiled.get(0).from(MonitorPlan.Origin.API);
        Optional<MonitorView> existing = engine.view(name).join();
        if (existing.isPresent() && (!replacing || existing.get().origin() == MonitorPlan.Origin.MANIFEST)) {
            Loader.close(plan);
            return Outcome.conflict(existing.get().origin() == MonitorPlan.Origin.MANIFEST
                    ? name + " is defined in " + settings.manifest() + "; change it there"
                    : name + " exists; replace it with PUT /api/v1/monitors/" + name);
        }
        Map<String, Object> normalised = Definitions.normalised(definitions.get(0));
        StoredMonitor stored = new StoredMonitor(name, Definitions.json(normalised).toString(), wall.instant());
        write(new StorageBatch().putMonitor(stored)
                .addEvent(changed(name, existing.isPresent() ? "replaced" : "created", actor)));
        apiMonitors.put(name, stored);
        refused.remove(name);
        engine.apply(List.of(plan), (MonitorPlan.Origin) null).join();
        return Outcome.done(existing.isPresent() ? 200 : 201, Redaction.redact(normalised, registry));
    }

    /** The body with each masked secret put back to the stored one it stands for. */
    private Map<String, Object> restoreSecrets(String name, Map<String, Object> body) {
        StoredMonitor stored = apiMonitors.get(name);
        if (stored == null && refused.containsKey(name)) {
            stored = refused.get(name).stored();
        }
        return stored == null ? body : Redaction.restore(body, Definitions.map(stored.definition()), registry);
    }

    private static Outcome.Problem problem(ManifestError error, List<String> secrets) {
        return new Outcome.Problem(error.path(), Redaction.scrub(error.message(), secrets));
    }

    // ---- holds ------------------------------------------------------------------------------

    /**
     * Pauses or resumes a monitor's checks, durably.
     *
     * @param name   its name
     * @param paused true to pause
     * @param actor  the name of the token that asks, recorded in the event history
     * @return 200 with the monitor's view, or 404, 503
     */
    public CompletableFuture<Outcome> pause(String name, boolean paused, String actor) {
        return change(() -> hold(name, view -> new MonitorHold(name, paused, view.stage().name().equals("MAINTENANCE"),
                view.maintenanceUntil(), wall.instant()), () -> engine.pause(name, paused).join(),
                changed(name, paused ? "paused" : "resumed", actor)));
    }

    /**
     * Enters or leaves maintenance, durably.
     *
     * @param name  its name
     * @param enter true to enter
     * @param until when it ends by itself, or {@code null}
     * @param actor the name of the token that asks, recorded in the event history
     * @return 200 with the monitor's view, or 404, 503
     */
    public CompletableFuture<Outcome> maintenance(String name, boolean enter, Instant until, String actor) {
        return change(() -> hold(name, view -> new MonitorHold(name, view.paused(), enter, enter ? until : null,
                wall.instant()), () -> engine.maintenance(name, enter, until).join(),
                changed(name, enter ? "maintenance_entered" : "maintenance_left", actor)));
    }

    /**
     * Records that a check was run on demand. The check itself is not durable, so neither is
     * this record: a store that fails is logged, and the check goes on.
     *
     * @param name  the monitor
     * @param actor the name of the token that asked
     * @return done once the record is written or given up on
     */
    public CompletableFuture<Void> ranNow(String name, String actor) {
        return CompletableFuture.runAsync(() -> {
            try {
                storage.write(new StorageBatch().addEvent(changed(name, "run_now", actor)));
            } catch (io.cpra.core.storage.StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "the check of " + name + " run now by " + actor
                        + " could not be recorded: " + e.getMessage());
            }
        }, changes);
    }

    /** The event recording who changed a monitor and how; written in the same batch as the change. */
    private EventRecord changed(String monitor, String change, String actor) {
        return new EventRecord(0, wall.instant(), monitor, "monitor_changed", null, 0,
                Json.createObjectBuilder().add("change", change).add("actor", actor).build().toString());
    }

    private Outcome hold(String name, java.util.function.Function<MonitorView, MonitorHold> next, Runnable apply,
                         EventRecord record) {
        Optional<MonitorView> view = engine.view(name).join();
        if (view.isEmpty()) {
            return Outcome.notFound(name);
        }
        MonitorHold hold = next.apply(view.get());
        StorageBatch batch = new StorageBatch().addEvent(record);
        if (hold.paused() || hold.maintenance()) {
            batch.putHold(hold);
        } else {
            batch.deleteHold(name);
        }
        write(batch);
        apply.run();
        return Outcome.done(200, engine.view(name).join().orElse(null));
    }

    // ---- reload -----------------------------------------------------------------------------

    /**
     * Reads the manifest file again and applies the difference: monitors added, changed and
     * removed; unchanged ones keep their state and schedule. An invalid manifest changes nothing.
     *
     * <p>The reload is recorded in the event history as {@code manifest_reloaded} (with the
     * monitor name empty) once applied; the manifest, not the store, holds what it changed, so a
     * store that fails then is logged and does not undo the reload.
     *
     * @param progress where progress lines for a large manifest go
     * @param actor    who asked: a token's name, or {@code SIGHUP}
     * @return 200 with what changed, or 400 with every error, 409 when the manifest defines a
     *         monitor the API owns
     */
    public CompletableFuture<Outcome> reload(PrintStream progress, String actor) {
        // reading, validating and preparing take as long as the file is large: off the changes
        // thread, so API writes go on meanwhile; only the apply step waits its turn there
        return CompletableFuture.supplyAsync(() -> Loader.read(settings.manifest(), settings.manifestLimits(), compiler,
                        registry, progress), reloads)
                .thenCompose(load -> change(() -> applyReload(load, actor)));
    }

    private Outcome applyReload(Loader load, String actor) {
        {
            if (!load.result().ok()) {
                List<ManifestError> errors = load.result().errors();
                return new Outcome(400, settings.manifest() + " is invalid (" + errors.size()
                        + (errors.size() == 1 ? " problem" : " problems") + "); nothing was changed",
                        errors.stream().map(e -> new Outcome.Problem(e.path(), e.toString())).toList(), null);
            }
            List<String> clashes = load.plans().stream().map(MonitorPlan::name).filter(apiMonitors::containsKey).toList();
            if (!clashes.isEmpty()) {
                load.plans().forEach(Loader::close);
                return Outcome.conflict("the manifest defines monitors that were created through the API: " + clashes
                        + "; delete them through the API or rename them in the manifest");
            }
            if (!current.commit()) {
                load.plans().forEach(Loader::close);
                throw new Withdrawn();
            }
            ApplyReport report = engine.apply(load.plans(), MonitorPlan.Origin.MANIFEST).join();
            LOG.log(System.Logger.Level.INFO, "manifest " + settings.manifest() + " reloaded by " + actor + ": " + report);
            try {
                storage.write(new StorageBatch().addEvent(new EventRecord(0, wall.instant(), "", "manifest_reloaded", null, 0,
                        Json.createObjectBuilder().add("actor", actor).add("added", report.added().size())
                                .add("changed", report.changed().size()).add("removed", report.removed().size())
                                .build().toString())));
            } catch (io.cpra.core.storage.StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "the reload by " + actor + " could not be recorded: " + e.getMessage());
            }
            recheckApiMonitors();
            return Outcome.done(200, report);
        }
    }

    /**
     * Holds every API monitor to the policy again, as at start: names may resolve elsewhere and
     * links may have moved since. A running one now refused stops; a refused one now allowed
     * starts.
     */
    private void recheckApiMonitors() {
        List<RefusedMonitor> before = List.copyOf(refused.values());
        for (StoredMonitor stored : List.copyOf(apiMonitors.values())) {
            Map<String, Object> definition = Definitions.map(stored.definition());
            List<PolicyCheck.Refusal> refusals = new ArrayList<>();
            reader.validateMonitor("stored monitor " + stored.name(), definition, d -> refusals.addAll(policy.check(d)));
            if (!refusals.isEmpty()) {
                List<String> reasons = refusals.stream().map(PolicyCheck.Refusal::toString).toList();
                apiMonitors.remove(stored.name());
                refused.put(stored.name(), new RefusedMonitor(stored.name(), reasons, stored));
                engine.remove(stored.name()).join();
                LOG.log(System.Logger.Level.WARNING, "monitor " + stored.name() + " defined through the API is refused "
                        + "by the API policy and stops: " + String.join("; ", reasons));
            }
        }
        List<MonitorPlan> readmitted = new ArrayList<>();
        for (RefusedMonitor monitor : before) {
            admit(monitor.stored()).ifPresent(readmitted::add);
        }
        if (!readmitted.isEmpty()) {
            engine.apply(readmitted, (MonitorPlan.Origin) null).join();
        }
    }

    // ---- reads ------------------------------------------------------------------------------

    /**
     * A monitor's definition in normalised form: for an API monitor from storage, for a manifest
     * monitor read again from the file (as far as that monitor).
     *
     * @param view the monitor's live view
     * @return the definition, or empty when it cannot be found any more
     */
    public Optional<Map<String, Object>> definition(MonitorView view) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (view.origin() == MonitorPlan.Origin.API) {
            StoredMonitor stored = apiMonitors.get(view.name());
            if (stored != null) {
                found.add(Redaction.redact(Definitions.map(stored.definition()), registry));
            }
            return found.stream().findFirst();
        }
        try {
            reader.read(settings.manifest(), d -> {
                if (d.name().equals(view.name())) {
                    found.add(Redaction.redact(Definitions.normalised(d), registry));
                    throw new Found();
                }
            });
        } catch (Found done) {
            // the reader stops at the monitor
        }
        return found.stream().findFirst();
    }

    /** Stops the manifest reader once the monitor sought is read. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs a change on the changes thread. The caller may withdraw it ({@link Change#cancel})
     * until it claims its commit; a withdrawn change that has not started never starts, and one
     * that has rolls its storage write back at the commit point.
     */
    private CompletableFuture<Outcome> change(java.util.function.Supplier<Outcome> body) {
        Change change = new Change();
        try {
            changes.execute(() -> {
                if (change.withdrawn()) {
                    return;
                }
                current = change;
                try {
                    change.complete(body.get());
                } catch (io.cpra.core.storage.StorageException e) {
                    LOG.log(System.Logger.Level.ERROR, "a change could not be written: " + e.getMessage());
                    change.complete(Outcome.unavailable("storage is unavailable; nothing was changed"));
                } catch (Withdrawn e) {
                    // the caller gave up waiting and was told nothing changed, which holds
                    change.complete(Outcome.unavailable("withdrawn; nothing was changed"));
                } catch (RuntimeException | Error e) {
                    change.completeExceptionally(e);
                    throw e;
                } finally {
                    current = null;
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            change.completeExceptionally(e);
        }
        return change;
    }

    /**
     * Writes a change's batch, committing only if its caller still waits.
     *
     * @throws Withdrawn when the caller withdrew the change; nothing was written
     */
    private void write(StorageBatch batch) {
        if (!storage.write(batch, current::commit)) {
            throw new Withdrawn();
        }
    }

    /** The change under way was withdrawn by its caller before it committed. */
    private static final class Withdrawn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Withdrawn() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        reloads.shutdown();
        changes.shutdown();
    }

    /**
     * What the API may do and where the manifest is. Immutable.
     *
     * @param home           the cpra home, for relative paths in plugin config
     * @param manifest       the manifest file
     * @param codeCooldown   the default cooldown of codes
     * @param policy         what monitors defined through the API may do
     * @param manifestLimits bounds on reading the manifest at reloads
     */
    public record ControlSettings(Path home, Path manifest, java.time.Duration codeCooldown, ApiPolicy policy,
                                  io.cpra.core.manifest.ManifestLimits manifestLimits) {

        /**
         * Settings with the default policy, local programs allowed or not, and the default manifest limits.
         *
         * @param home          the cpra home
         * @param manifest      the manifest file
         * @param codeCooldown  the default cooldown of codes
         * @param allowCommands whether the API may define monitors that run local programs
         */
        public ControlSettings(Path home, Path manifest, java.time.Duration codeCooldown, boolean allowCommands) {
            this(home, manifest, codeCooldown, ApiPolicy.defaults().withAllowCommands(allowCommands),
                    io.cpra.core.manifest.ManifestLimits.DEFAULTS);
        }
    }
}
