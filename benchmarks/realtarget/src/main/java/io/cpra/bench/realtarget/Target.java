package io.cpra.bench.realtarget;

/**
 * What a group of monitors checks, and so what a correct cpra reports for it.
 *
 * <p>Every target but the closed port is served by the suite's nginx, which writes one access-log
 * line per request with the monitor's name from the {@code m} query argument: those lines are the
 * ground truth. Nothing answers on the closed port, so nothing logs its checks; they are judged
 * from cpra's own events and counters.
 */
enum Target {

    /** {@code GET /ok}: 200 at once, on a server that keeps connections open. */
    HTTP_OK('h', "http", true, true),
    /** {@code GET /slow}: proxied to an upstream that never answers; nginx gives up after 5 s. */
    HTTP_SLOW('s', "http", false, true),
    /** {@code GET /ok} on a second server that closes each keep-alive connection after N requests. */
    HTTP_CLOSING('k', "http", true, true),
    /** A TCP check that sends {@code GET /tcp?m=...} over HTTP/1.0 and expects a 200 reply. */
    TCP_OPEN('o', "tcp", true, true),
    /** A TCP check of a free port nothing listens on: refused at once, every time. */
    TCP_CLOSED('c', "tcp", false, false);

    private final char prefix;
    private final String pulseType;
    private final boolean healthy;
    private final boolean logged;

    Target(char prefix, String pulseType, boolean healthy, boolean logged) {
        this.prefix = prefix;
        this.pulseType = pulseType;
        this.healthy = healthy;
        this.logged = logged;
    }

    /** @return the first letter of the names of this target's monitors; unique per target */
    char prefix() {
        return prefix;
    }

    /** @return the pulse plugin that checks it */
    String pulseType() {
        return pulseType;
    }

    /** @return whether every check of it should pass, so that any other outcome is a false failure */
    boolean healthy() {
        return healthy;
    }

    /** @return whether nginx logs its checks (the ground truth) */
    boolean logged() {
        return logged;
    }

    /** @return the target whose monitors' names start with this letter, or null */
    static Target ofPrefix(char prefix) {
        for (Target target : values()) {
            if (target.prefix == prefix) {
                return target;
            }
        }
        return null;
    }
}
