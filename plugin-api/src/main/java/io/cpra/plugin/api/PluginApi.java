package io.cpra.plugin.api;

/**
 * The version of this plugin API (the SPI), separate from the platform's own version. No
 * instances.
 *
 * <p>{@code MAJOR.MINOR}: the minor version grows when the API gains something (a default
 * method, a factory, a builder setter, an enum constant) that plugins built against an older
 * minor do not need; the major version grows only when something is removed or changed in a
 * way that breaks plugins built against the previous one. A binary-compatibility check of the
 * build holds the API to that promise.
 *
 * <p><b>What a plugin declares.</b> The {@code io.cpra.plugin.api} module carries this
 * version as its module version, and {@code javac} records the version of every module a
 * module {@code requires} in its {@code module-info.class}. So a plugin module built against
 * this API states, with no effort of its author, the version it was built against. A plugin
 * packaged as a plain jar (an automatic module) states it with the manifest attribute
 * {@value #MANIFEST_ATTRIBUTE}.
 *
 * <p><b>What the platform accepts.</b> A plugin built against {@code M.n} runs on a platform
 * whose API is {@code M.m} with {@code m >= n}. A plugin built for another major, or for a
 * newer minor (which may call what this platform lacks), is refused when it is loaded, with a
 * message naming the jar and both versions.
 */
public final class PluginApi {

    /** The major version: grows only with a change that breaks plugins built against the previous one. */
    public static final int MAJOR = 1;

    /** The minor version: grows when the API gains something compatibly. */
    public static final int MINOR = 0;

    /** {@code MAJOR.MINOR} as text, which is also the {@code io.cpra.plugin.api} module's version. */
    public static final String VERSION = MAJOR + "." + MINOR;

    /** The jar manifest attribute a plain-jar plugin names its API version in, such as {@code 1.0}. */
    public static final String MANIFEST_ATTRIBUTE = "Cpra-Plugin-Api-Version";

    private PluginApi() {
    }
}
