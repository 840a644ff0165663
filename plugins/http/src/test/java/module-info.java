/**
 * The test module: the main module's descriptor plus what only the tests read. Maven compiles
 * the tests patched into the main module, and Surefire runs them on the module path with
 * this descriptor, so test-only modules such as Helidon's WebServer resolve as modules.
 */
open module io.cpra.plugins.http {
    requires io.cpra.plugin.api;
    requires io.helidon.webclient;

    requires io.helidon.webserver;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.assertj.core;
    requires net.jqwik.api;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.http.HttpCheckPlugin;
}
