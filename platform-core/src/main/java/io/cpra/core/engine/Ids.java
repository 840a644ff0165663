package io.cpra.core.engine;

/**
 * Numbers incidents and codes. Without storage, the sequences start from the wall clock in
 * milliseconds times a thousand, so ids stay unique across restarts (up to a thousand per
 * millisecond of downtime); with storage, incidents continue from the highest stored id.
 * Engine thread only.
 */
final class Ids {

    private long incident;
    private long alert;

    Ids(long wallMillis) {
        this.incident = wallMillis * 1000;
        this.alert = wallMillis * 1000;
    }

    /** Continues the incident numbers from a store's highest, instead of the wall clock. */
    void continueIncidentsAfter(long last) {
        incident = last;
    }

    long nextIncident() {
        return ++incident;
    }

    String nextAlert() {
        return "a" + (++alert);
    }
}
