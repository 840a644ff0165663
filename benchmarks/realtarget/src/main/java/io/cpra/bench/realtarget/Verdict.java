package io.cpra.bench.realtarget;

/**
 * One target of a scenario and whether the run met it.
 *
 * @param check    the target, as a reader would say it
 * @param pass     whether it was met
 * @param measured what was measured
 */
record Verdict(String check, boolean pass, String measured) {

    String line() {
        return (pass ? "PASS  " : "FAIL  ") + check + ": " + measured;
    }
}
