/**
 * An example pulse plugin and the template for writing one: checks that a file exists, is
 * fresh enough and large enough. It compiles against the plugin API only.
 */
module io.cpra.plugins.examplecheck {
    requires io.cpra.plugin.api;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.examplecheck.FileCheckPlugin;
}
