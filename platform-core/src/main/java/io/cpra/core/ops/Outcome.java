package io.cpra.core.ops;

import java.util.List;

/**
 * How a change went, in HTTP's terms so the API can answer with it directly. Immutable.
 *
 * @param status   200, 201, 204; or 400 (invalid), 403 (not allowed), 404, 409 (conflict), 503
 * @param message  one line for people; empty on success
 * @param problems for 400, every problem with its key path
 * @param body     the result on success (a normalised definition, a view, a report), or {@code null}
 */
public record Outcome(int status, String message, List<Problem> problems, Object body) {

    /**
     * One validation problem.
     *
     * @param path    the key path, such as {@code pulse.interval}
     * @param message what is wrong and what was expected
     */
    public record Problem(String path, String message) {
    }

    /** Copies the list. */
    public Outcome {
        problems = List.copyOf(problems);
    }

    /** @return true for a 2xx status */
    public boolean ok() {
        return status / 100 == 2;
    }

    static Outcome done(int status, Object body) {
        return new Outcome(status, "", List.of(), body);
    }

    static Outcome invalid(List<Problem> problems) {
        return new Outcome(400, problems.size() == 1 ? "the monitor is invalid" : "the monitor has "
                + problems.size() + " problems", problems, null);
    }

    static Outcome forbidden(String message) {
        return new Outcome(403, message, List.of(), null);
    }

    static Outcome notFound(String name) {
        return new Outcome(404, "no monitor named \"" + name + "\"", List.of(), null);
    }

    static Outcome conflict(String message) {
        return new Outcome(409, message, List.of(), null);
    }

    static Outcome unavailable(String message) {
        return new Outcome(503, message, List.of(), null);
    }
}
