package io.cpra.core.engine;

/**
 * Numbers incidents and codes. The sequences start from the wall clock in milliseconds times
 * a thousand, so ids stay unique across restarts without storage (up to a thousand per
 * millisecond of downtime). Engine thread only.
 */
final class Ids {

    private long incident;
    private long alert;

    Ids(long wallMillis) {
        this.incident = wallMillis * 1000;
        this.alert = wallMillis * 1000;
    }

    long nextIncident() {
        return ++incident;
    }

    String nextAlert() {
        return "a" + (++alert);
    }
}
