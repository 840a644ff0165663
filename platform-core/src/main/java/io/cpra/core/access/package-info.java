/**
 * Who may call the HTTP API: named bearer tokens, each with scopes.
 *
 * <p>Scopes, each covering the ones before it:
 * <table>
 *   <caption>scopes</caption>
 *   <tr><th>scope</th><th>allows</th></tr>
 *   <tr><td>{@code read}</td><td>every GET, when reads are protected</td></tr>
 *   <tr><td>{@code operate}</td><td>pause, resume, maintenance in and out, a check run now</td></tr>
 *   <tr><td>{@code admin}</td><td>monitors created, replaced, deleted; the manifest reloaded</td></tr>
 * </table>
 *
 * <p>Tokens come from two places: {@code cpra.api.token}, one admin token named
 * {@value io.cpra.core.access.Tokens#CONFIGURED}, and a tokens file ({@code conf/tokens} unless
 * {@code cpra.api.tokens-file} names another) holding one line per token: its name, its scopes
 * and the SHA-256 of the token, never the token itself. The file is read again whenever it
 * changes, so a token is added or revoked without a restart; a file with an error is refused
 * whole and the tokens read before stay in force. {@link io.cpra.core.access.TokenFile} reads and
 * writes the file; {@link io.cpra.core.access.Tokens} answers who holds a token.
 *
 * <p>A token is only ever compared as its digest, with {@link java.security.MessageDigest#isEqual},
 * against every known digest: the time taken says nothing about which token nearly matched.
 * Generated tokens carry 256 random bits, so an unsalted SHA-256 gives nothing to brute force.
 */
package io.cpra.core.access;
