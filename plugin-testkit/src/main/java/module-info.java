/**
 * Test helpers for cpra plugin authors: build a {@link io.cpra.plugin.api.PluginConfig} from a
 * YAML or map literal, drive deadlines by hand, prepare a plugin the way the platform does and
 * assert that a config is refused at a key path. Independent of the test framework: failed
 * assertions throw {@link AssertionError}, which JUnit, TestNG and jqwik all report.
 */
module io.cpra.plugin.testkit {
    // the helpers take and return plugin API types
    requires transitive io.cpra.plugin.api;
    requires org.snakeyaml.engine.v2;

    exports io.cpra.plugin.testkit;
}
