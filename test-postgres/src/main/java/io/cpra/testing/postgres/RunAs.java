package io.cpra.testing.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Who the private server's programs run as. PostgreSQL refuses to run as root ({@code initdb:
 * cannot be run as root}), and CI runs builds as root; so a root build runs {@code initdb} and
 * {@code postgres} as {@value #UNPRIVILEGED} through util-linux's {@code setpriv}, and hands that
 * user the data folder. Any other user runs them as itself.
 *
 * @param user   the user the programs run as, or null for this process's own
 * @param prefix what goes before each command line: empty, or the {@code setpriv} call
 */
record RunAs(String user, List<String> prefix) {

    /** The user a root build runs the server as: it exists on every Linux system. */
    static final String UNPRIVILEGED = "nobody";

    RunAs {
        prefix = List.copyOf(prefix);
    }

    /** @return the programs run as this process's own user */
    static RunAs self() {
        return new RunAs(null, List.of());
    }

    /**
     * @param uid the user id of this process
     * @param unprivilegedUid the user id of {@value #UNPRIVILEGED}
     * @param unprivilegedGid its group id
     * @return how to run the server's programs for a process with that uid
     */
    static RunAs forUid(int uid, int unprivilegedUid, int unprivilegedGid) {
        if (uid != 0) {
            return self();
        }
        return new RunAs(UNPRIVILEGED, List.of("setpriv", "--reuid=" + unprivilegedUid, "--regid=" + unprivilegedGid,
                "--clear-groups", "--"));
    }

    /**
     * Decides for this process, from the owner of a folder it made.
     *
     * @param made a folder this process created
     */
    static RunAs forThisProcess(Path made) throws IOException {
        int uid = (Integer) Files.getAttribute(made, "unix:uid");
        if (uid != 0) {
            return self();
        }
        return forUid(uid, id("-u"), id("-g"));
    }

    /** @return the command line, with the prefix that runs it as {@link #user()} */
    List<String> command(List<String> command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        return all;
    }

    /** Gives a folder this process made to {@link #user()}, who must own a PostgreSQL data folder. */
    void hand(Path folder) throws IOException {
        if (user != null) {
            UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            Files.setOwner(folder, owner);
        }
    }

    /** @return how the server's programs run, for messages */
    String describe() {
        return user == null ? "as this build's user" : "as " + user + " through setpriv, since PostgreSQL refuses root";
    }

    private static int id(String which) throws IOException {
        Process id = new ProcessBuilder("id", which, UNPRIVILEGED).redirectErrorStream(true).start();
        try {
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0 || !out.matches("\\d+")) {
                throw new IOException("this build runs as root, which PostgreSQL refuses, and user " + UNPRIVILEGED
                        + " to run it as instead cannot be looked up (id " + which + " " + UNPRIVILEGED + ": " + out + ")");
            }
            return Integer.parseInt(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up user " + UNPRIVILEGED, e);
        }
    }
}
