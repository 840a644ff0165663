package io.cpra.plugin.api;

/**
 * What a config key's value means to the platform, beyond its shape: a secret to redact, a
 * path to confine, a network target to check against policy. A {@link ConfigKey} may have
 * several roles (a webhook URL that carries a token is both a target and a secret). Roles let
 * the platform apply one policy to bundled and third-party plugins alike; the plugin reads the
 * value as usual.
 *
 * <p>New roles may be added in a minor version of the API: code that switches over roles
 * needs a {@code default} branch.
 */
public enum KeyRole {
    /**
     * A credential: a password, a token, a routing key, an {@code Authorization} header, a URL
     * with a token in it. The platform never shows its value (listings, errors, events). A
     * secret text key may instead be given as {@code <key>_env} (the name of an environment
     * variable) or {@code <key>_file} (a file holding the value); see {@link PluginConfig}.
     * On a map key (such as {@code headers}), every value of the map is secret.
     */
    SECRET,
    /** A file or folder the plugin reads or runs, such as a script; relative to the cpra home. */
    READ_PATH,
    /** A file or folder the plugin writes or creates, such as a log file; relative to the cpra home. */
    WRITE_PATH,
    /** A network target given as a URL ({@code https://host:port/path}). */
    TARGET_URL,
    /**
     * A network target given as a host name or address, optionally as {@code host:port}; the
     * port may come from a sibling key of role {@link #TARGET_PORT}.
     */
    TARGET_HOST,
    /** The port of the sibling {@link #TARGET_HOST} key. */
    TARGET_PORT,
    /**
     * A text or pattern matched against what the target answers (a response body, a banner).
     * Whoever defines it learns, from the outcome, something about the target's content; the
     * platform may refuse it for targets the definer could not read otherwise.
     */
    RESPONSE_MATCH
}
