package io.cpra.plugins.command;

import java.util.List;
import java.util.Map;

/**
 * How to start one program: its words, environment and directory. Immutable, with value
 * equality, so plugins intern it and monitors running the same command share one.
 *
 * @param argv       the program and its arguments; never empty
 * @param env        variables set on top of the starting environment, in the order written
 * @param inheritEnv start from cpra's own environment; otherwise from {@code PATH} alone
 * @param workingDir the directory to run in, absolute
 */
record Invocation(List<String> argv, Map<String, String> env, boolean inheritEnv, String workingDir) {

    Invocation {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
    }

    /** The program's name as written, for messages. */
    String program() {
        return argv.get(0);
    }
}
