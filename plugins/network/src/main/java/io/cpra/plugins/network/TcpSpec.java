package io.cpra.plugins.network;

import java.time.Duration;
import java.util.List;

/**
 * Everything about a {@code tcp} monitor except host and port. Immutable, with value
 * equality, so the plugin interns it: monitors that differ only by address share one.
 *
 * <p>Texts to send and expect are held as ISO-8859-1 strings of their UTF-8 bytes, so that
 * matching runs on raw bytes (one char per byte) and a reply cut in the middle of a
 * multi-byte character still matches its complete prefix.
 *
 * @param send         bytes to send after connecting, or null
 * @param expect       byte strings to look for in the reply; empty for none
 * @param matchAll     whether every expected string must appear, rather than one
 * @param readLimit    the most bytes read while waiting for the expected strings
 * @param quit         bytes to send before closing, or null
 * @param trust        the TLS trust setting, or null for a plain connection
 * @param certWarning  a certificate expiring within this is a WARNING, or null
 * @param certCritical a certificate expiring within this is CRITICAL, or null
 * @param warnTime     a probe slower than this is a WARNING, or null
 * @param maxTime      a probe slower than this is CRITICAL, or null
 * @param retries      extra attempts after a failed one, within the same deadline
 */
record TcpSpec(String send,
               List<String> expect,
               boolean matchAll,
               int readLimit,
               String quit,
               TlsSockets.Trust trust,
               Duration certWarning,
               Duration certCritical,
               Duration warnTime,
               Duration maxTime,
               int retries) {
}
