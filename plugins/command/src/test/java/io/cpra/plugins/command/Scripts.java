package io.cpra.plugins.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes test scripts. */
final class Scripts {

    private Scripts() {
    }

    /** An executable {@code /bin/sh} script with the given body. */
    static Path shell(Path dir, String name, String body) throws IOException {
        Path script = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Waits until a process has exited, at most ten seconds, and says whether it is gone. */
    static boolean gone(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            try {
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException stillThere) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
