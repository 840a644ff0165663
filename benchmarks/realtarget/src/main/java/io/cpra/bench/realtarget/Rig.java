package io.cpra.bench.realtarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything a run stands on: its folder, the tarpit, nginx and the free ports, and the cpra
 * processes it starts. Closing it stops them all and removes the folder (unless kept).
 *
 * <p>Used by the runner's thread only; {@link Children} guards against the runner dying.
 */
final class Rig implements AutoCloseable {

    private final Children children;
    private final Path folder;
    private final boolean keep;
    private final Tarpit tarpit;
    private final Nginx nginx;
    private final Endpoints endpoints;
    private int cpraRuns;

    private Rig(Children children, Path folder, boolean keep, Tarpit tarpit, Nginx nginx, Endpoints endpoints) {
        this.children = children;
        this.folder = folder;
        this.keep = keep;
        this.tarpit = tarpit;
        this.nginx = nginx;
        this.endpoints = endpoints;
        children.afterwards(() -> removeFolder(folder, keep));
    }

    /**
     * Makes the run's folder under {@code parent} and starts the tarpit and nginx.
     *
     * @param parent   where the folder goes
     * @param keep     keep the folder afterwards (logs, manifests, cpra's data)
     * @param settings how nginx runs
     * @return the rig
     * @throws IOException when something cannot start
     */
    static Rig start(Path parent, boolean keep, Nginx.Settings settings) throws IOException {
        Children children = new Children();
        Path folder = Files.createTempDirectory(parent, "cpra-realtarget-");
        // run as root, nginx's workers drop to an unprivileged user, which must reach the folder
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Tarpit tarpit = null;
        try {
            tarpit = Tarpit.start();
            Endpoints endpoints = new Endpoints(Cpra.freePort(), Cpra.freePort(), closedPort());
            Nginx nginx = Nginx.start(settings, folder.resolve("nginx"), endpoints, tarpit.port(), children);
            return new Rig(children, folder, keep, tarpit, nginx, endpoints);
        } catch (IOException | RuntimeException e) {
            if (tarpit != null) {
                tarpit.close();
            }
            children.close();
            removeFolder(folder, keep);
            throw e;
        }
    }

    /** A port that was free a moment ago and that nothing of the suite listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Endpoints endpoints() {
        return endpoints;
    }

    Nginx nginx() {
        return nginx;
    }

    Children children() {
        return children;
    }

    Path folder() {
        return folder;
    }

    /** @return the target ports whose connections are counted */
    Set<Integer> targetPorts() {
        return Set.of(endpoints.main(), endpoints.closing());
    }

    /**
     * Starts a fresh copy of the distribution on the manifest.
     *
     * @param plan     the scenario (JVM options, how long start may take)
     * @param dist     the assembled distribution
     * @param manifest the manifest
     * @return the running cpra
     * @throws IOException when it does not start
     */
    Cpra startCpra(Preset.Plan plan, Path dist, Path manifest) throws IOException {
        return Cpra.start(dist, folder.resolve("cpra-" + (++cpraRuns)), manifest, plan.javaOptions(),
                plan.readyWithin(), children);
    }

    /** Stops nginx, so that its buffered log is written out, and returns the log. */
    Path stopNginx() {
        nginx.stop(children);
        return nginx.accessLog();
    }

    @Override
    public void close() {
        children.close();
        tarpit.close();
    }

    private static void removeFolder(Path folder, boolean keep) {
        if (!keep) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                System.err.println("could not remove " + folder + ": " + e.getMessage());
            }
        }
    }
}
