package io.cpra.plugins.network;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What the checks of one network plugin share: the clocks they measure with and the TLS
 * socket factories. One per plugin; immutable apart from the factories' cache. Thread-safe.
 *
 * @param nanoClock elapsed time; {@code System::nanoTime} in production
 * @param wallClock what certificate expiry is compared with
 * @param tls       TLS socket factories by trust setting
 */
record NetworkTools(LongSupplier nanoClock, Clock wallClock, TlsSockets tls) {

    static NetworkTools system() {
        return new NetworkTools(System::nanoTime, Clock.systemUTC(), new TlsSockets());
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }
}
