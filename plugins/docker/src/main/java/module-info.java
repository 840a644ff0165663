/**
 * The {@code docker} intervention: restarts (or starts, or kills and starts) a container
 * through the Docker Engine API on its unix socket. The HTTP/1.1 exchange over the socket is
 * this module's own ({@link io.cpra.plugins.docker.engine}): Helidon's client speaks TCP only,
 * and the few Engine calls needed do not justify a Docker client library and its transport.
 */
module io.cpra.plugins.docker {
    requires io.cpra.plugin.api;
    requires jakarta.json;

    provides io.cpra.plugin.api.InterventionPlugin with io.cpra.plugins.docker.DockerPlugin;
}
