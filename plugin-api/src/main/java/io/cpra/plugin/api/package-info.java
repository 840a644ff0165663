/**
 * Service interfaces and values shared by cpra and its plugins.
 *
 * <h2>The three families</h2>
 * <ul>
 *   <li>{@link io.cpra.plugin.api.PulsePlugin} prepares a {@link io.cpra.plugin.api.PulseCheck}
 *       — a health check, named in a manifest by {@code pulse_check.type};</li>
 *   <li>{@link io.cpra.plugin.api.InterventionPlugin} prepares an
 *       {@link io.cpra.plugin.api.Intervention} — an automated remediation, named by
 *       {@code intervention.action};</li>
 *   <li>{@link io.cpra.plugin.api.CodePlugin} prepares a {@link io.cpra.plugin.api.Notifier}
 *       — delivery of colour-coded alerts, named by {@code codes.<colour>.notify}.</li>
 * </ul>
 *
 * <h2>Two phases</h2>
 * <p><b>Prepare</b> runs once per monitor when a manifest is loaded or a monitor is created:
 * the plugin reads its block through a {@link io.cpra.plugin.api.PluginConfig}, validates it
 * and returns a ready instance, or throws {@link io.cpra.plugin.api.ConfigException} naming
 * the key at fault. The platform has already rejected unknown keys and wrong value types
 * against the plugin's {@link io.cpra.plugin.api.PluginDescriptor}.
 *
 * <p><b>Call</b>: the ready instance has one blocking method that the platform runs on a
 * virtual thread, again and again, under a {@link io.cpra.plugin.api.Deadline}. Blocking I/O is
 * expected and cheap there. At the deadline the platform interrupts the thread; a call that
 * does not return soon after is abandoned and reported as timed out.
 *
 * <h2>Rules for every plugin</h2>
 * <ul>
 *   <li>Ready instances are shared and must be thread-safe: the platform may call one instance
 *       from several threads at once.</li>
 *   <li>Never start threads of your own and never block without a bound: use the deadline.</li>
 *   <li>Report failures as outcome values. An exception thrown from a call is caught by the
 *       platform and recorded as a failed outcome with the exception's message.</li>
 * </ul>
 *
 * <h2>How this API grows without breaking plugins</h2>
 * <p>A plugin is compiled once and must keep loading on later platforms, so every type here
 * is shaped to gain members compatibly:
 * <ul>
 *   <li><b>No records.</b> A record's canonical constructor and its deconstruction pattern
 *       name every component, so adding one breaks every plugin that builds or matches the
 *       value. Values ({@link io.cpra.plugin.api.Alert}, {@link io.cpra.plugin.api.ConfigKey},
 *       {@link io.cpra.plugin.api.InterventionRequest}, the outcomes,
 *       {@link io.cpra.plugin.api.Deadline}, {@link io.cpra.plugin.api.PluginDescriptor}) are
 *       final classes with private constructors: values with many attributes are made by a
 *       builder, small ones by static factories and {@code with...} copies. A new attribute is
 *       a new accessor plus a new setter or {@code with...} method with a default.</li>
 *   <li><b>Interfaces plugins implement grow by default methods only</b>
 *       ({@link io.cpra.plugin.api.PulseCheck#destination()} is one): a new abstract method
 *       would leave every existing plugin without an implementation.</li>
 *   <li><b>Interfaces the platform implements</b> ({@link io.cpra.plugin.api.PluginContext})
 *       grow by default methods too, so plugin tests that implement them keep compiling.</li>
 *   <li><b>Enums may gain constants</b> in a minor version: a plugin's {@code switch} over
 *       {@link io.cpra.plugin.api.KeyRole} or {@link io.cpra.plugin.api.PulseOutcome.Status}
 *       needs a {@code default} branch.</li>
 *   <li>Nothing public is removed or changed in signature within a major version. The build
 *       enforces this: {@code mvn verify} compares this module with the baseline of the
 *       current major version kept in {@code plugin-api/compat/} and fails on any change
 *       that would break a plugin built against it.</li>
 * </ul>
 *
 * <h2>Versions</h2>
 * <p>{@link io.cpra.plugin.api.PluginApi} holds the API's {@code MAJOR.MINOR} version, which
 * is also this module's version. A plugin module records, at compile time, the version of
 * the API it requires; the platform refuses a plugin built for another major version or a
 * newer minor one, naming the jar and both versions.
 *
 * <h2>Key roles</h2>
 * <p>A {@link io.cpra.plugin.api.ConfigKey} may carry {@link io.cpra.plugin.api.KeyRole}s:
 * {@code SECRET} (passwords, tokens, routing keys, URLs and header values that carry a
 * token), {@code READ_PATH} and {@code WRITE_PATH} (files a plugin reads, runs or writes) and
 * {@code TARGET_URL}, {@code TARGET_HOST} and {@code TARGET_PORT} (where the plugin's traffic
 * goes). They let the platform redact secrets, confine paths and apply target policies in one
 * place for every plugin, bundled or not. A secret text key may also be given as
 * {@code <key>_env} or {@code <key>_file}; {@link io.cpra.plugin.api.PluginConfig} reads
 * whichever form was used, so plugins need no code of their own for it.
 *
 * <h2>What a plugin may read from the platform</h2>
 * <p>A plugin module may {@code require} this module, the JDK's {@code java.*} and
 * {@code jdk.*} modules, and the few libraries the distribution shares with plugins (listed
 * in the platform's {@code io.cpra.core.plugin.PlatformModules} and in
 * {@code docs/writing-plugins.md}), together with what those libraries export through
 * {@code requires transitive}. Any other library travels in the plugin's own folder. A plugin
 * that requires another module of the platform is refused at load time with a message that
 * names the jar, the module and what it may read instead.
 */
package io.cpra.plugin.api;
