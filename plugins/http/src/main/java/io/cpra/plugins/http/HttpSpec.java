package io.cpra.plugins.http;

import io.helidon.http.Method;

import java.time.Duration;

/**
 * Everything about an {@code http} monitor except its URL: what to send, what to accept and
 * how to connect. Immutable, with value equality, so the plugin interns it: monitors that
 * differ only in their URL share one instance, and a prepared check is a URL plus a pointer.
 *
 * @param method          the request method
 * @param headers         the request headers
 * @param body            the request body, or null for none
 * @param status          the accepted status codes
 * @param bodyRules       what the response body must and must not hold
 * @param warnTime        a response slower than this is a WARNING, or null
 * @param maxTime         a response slower than this is CRITICAL, or null
 * @param followRedirects whether to follow 3xx responses
 * @param maxRedirects    how many redirects to follow at most
 * @param keepAlive       whether to keep the connection open for the next check
 * @param retries         extra attempts after a failed one, within the same deadline
 * @param tls             the TLS profile, which selects the client
 * @param certWarning     a certificate expiring within this is a WARNING, or null
 * @param certCritical    a certificate expiring within this is CRITICAL, or null
 */
record HttpSpec(Method method,
                HeaderList headers,
                String body,
                StatusMatcher status,
                BodyMatcher bodyRules,
                Duration warnTime,
                Duration maxTime,
                boolean followRedirects,
                int maxRedirects,
                boolean keepAlive,
                int retries,
                TlsProfile tls,
                Duration certWarning,
                Duration certCritical) {
}
