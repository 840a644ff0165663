package io.cpra.core.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the files API monitors name inside given folders of the cpra home. A path is inside
 * when, written relative to the home or absolute, it has no {@code ..} part, it lies under one
 * of the folders and under none of the forbidden ones, and it stays there once the symbolic
 * links of its existing part are followed (a link inside {@code logs/} that points at
 * {@code /root} does not count as inside). Nothing is created. The refusal reads the same
 * whether or not the file exists, so it tells the caller nothing about the host's files.
 * Immutable.
 *
 * <p>The check runs when the monitor is created and again at every start and reload; a link
 * made between two checks by someone who can already write in the folder is not caught.
 */
final class Confinement {

    private final Path home;
    private final List<String> written;
    private final List<Path> roots;
    private final List<Path> forbidden;
    private final String setting;

    /**
     * @param home      the cpra home, absolute
     * @param folders   the allowed folders as configured, relative to the home
     * @param forbidden folders never allowed, even under an allowed one
     * @param setting   the setting that lists the folders, for messages
     */
    Confinement(Path home, List<String> folders, List<Path> forbidden, String setting) {
        this.setting = setting;
        this.home = home.toAbsolutePath().normalize();
        this.written = List.copyOf(folders);
        this.roots = folders.stream().map(folder -> this.home.resolve(folder).normalize()).toList();
        this.forbidden = forbidden.stream().map(p -> this.home.resolve(p).toAbsolutePath().normalize()).toList();
    }

    /**
     * Why a path is not inside, or empty when it is.
     *
     * @param value the path as written in config
     * @return the reason, naming the allowed folders, never whether the file exists
     */
    Optional<String> refusal(String value) {
        String allowed = written.isEmpty() ? "no folder is allowed" : "allowed: " + String.join(", ", written);
        String outside = "\"" + value + "\" is outside the folders API monitors may use (" + allowed + "; " + setting + ")";
        if (value.indexOf('\0') >= 0) {
            return Optional.of("a path must not contain a NUL character (" + allowed + "; " + setting + ")");
        }
        for (String part : value.split("[/\\\\]")) {
            if (part.equals("..")) {
                return Optional.of("\"" + value + "\" must not contain \"..\" (" + allowed + "; " + setting + ")");
            }
        }
        Path path;
        try {
            path = home.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            return Optional.of(outside);
        }
        if (forbidden.stream().anyMatch(path::startsWith)) {
            return Optional.of(outside);
        }
        for (Path root : roots) {
            if (!path.startsWith(root) || path.equals(root)) {
                continue;
            }
            Optional<Path> real = real(path);
            Optional<Path> realRoot = real(root);
            if (real.isPresent() && realRoot.isPresent() && real.get().startsWith(realRoot.get())
                    && !real.get().equals(realRoot.get()) && forbidden.stream().map(Confinement::real)
                    .flatMap(Optional::stream).noneMatch(real.get()::startsWith)) {
                return Optional.empty();
            }
        }
        return Optional.of(outside);
    }

    /**
     * Where a path really leads: its deepest existing part with every link followed, and the
     * rest as written. Empty when a link cannot be followed (dangling, a loop, no access).
     */
    private static Optional<Path> real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(path);
        }
        try {
            return Optional.of(existing.toRealPath().resolve(existing.relativize(path)).normalize());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
