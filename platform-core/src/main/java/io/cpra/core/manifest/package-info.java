/**
 * The monitors manifest: streaming YAML in the original CPRA schema, turned into validated
 * {@link io.cpra.core.manifest.MonitorDefinition}s with every error positioned at
 * file:line:column, monitor and key path.
 *
 * <p>The face is {@link io.cpra.core.manifest.ManifestReader}; it needs a
 * {@link io.cpra.core.manifest.PluginCatalog} (implemented by the plugin registry) to know which
 * plugin types exist and which config keys each accepts. Parsing works on SnakeYAML Engine's
 * events: one monitor's small tree exists at a time, anchors and merge keys resolve by sharing,
 * and {@link io.cpra.core.manifest.ManifestLimits} bounds size, depth and alias expansion. Texts
 * inside the plain subset of YAML that manifests use get the same events from a faster scanner
 * of the package's own, chosen by a check of the whole text before any monitor is handed on.
 */
package io.cpra.core.manifest;
