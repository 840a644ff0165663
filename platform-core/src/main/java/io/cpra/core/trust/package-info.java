/**
 * The API's trust policy: what monitors defined through the API may do, and secrets kept out
 * of sight.
 *
 * <p><b>Who is trusted.</b> The manifest is the operator's own file: whatever it defines runs.
 * The API is reachable by anyone holding a token, over the network, so its monitors are held
 * to an {@link io.cpra.core.trust.ApiPolicy} when created or replaced, and again at every start
 * and reload (a monitor stored while the policy was looser is refused and listed, not run).
 *
 * <p><b>How.</b> Plugins declare what their keys mean ({@link io.cpra.plugin.api.KeyRole}); the
 * {@link io.cpra.core.trust.PolicyCheck} enforces the policy by role before any plugin prepares
 * anything, for bundled and third-party plugins alike:
 *
 * <table>
 * <caption>What is checked, by role</caption>
 * <tr><th>role</th><th>API monitors may</th></tr>
 * <tr><td>plugin type</td><td>use the types in {@code plugins.*}; {@code command} and {@code script} only with {@code allow-commands}</td></tr>
 * <tr><td>{@code WRITE_PATH}</td><td>write under {@code write-paths} (default {@code logs}); never {@code conf/}, {@code data/}; no {@code ..}; links followed</td></tr>
 * <tr><td>{@code READ_PATH}, {@code <secret>_file}</td><td>read under {@code read-paths} (default {@code scripts}, {@code secrets})</td></tr>
 * <tr><td>{@code <secret>_env}</td><td>name variables starting with {@code secret-env-prefix} (default {@code CPRA_SECRET_})</td></tr>
 * <tr><td>{@code TARGET_URL}, {@code TARGET_HOST}</td><td>reach addresses outside {@code targets.deny} (and inside {@code targets.allow} when set)</td></tr>
 * <tr><td>{@code RESPONSE_MATCH}</td><td>match responses of targets outside {@code body-match-deny}</td></tr>
 * </table>
 *
 * <p>{@link io.cpra.core.trust.Redaction} masks {@code SECRET} values in every definition the API
 * shows, puts stored secrets back when a masked definition is sent again, and scrubs secret
 * values out of error messages.
 */
package io.cpra.core.trust;
