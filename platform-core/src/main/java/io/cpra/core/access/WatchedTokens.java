package io.cpra.core.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Tokens} that follow their file: every lookup compares the file's identity, size and
 * modification time with those of the copy in hand (one {@code stat}) and reads it again when
 * any differs. A file that cannot be used keeps the tokens read before and is reported once in
 * the log; a file removed revokes its tokens.
 *
 * <p>The copy in hand is one immutable {@link Loaded} behind an {@link AtomicReference}: two
 * requests that notice a change at once may both read the file, and either copy is right.
 */
final class WatchedTokens implements Tokens {

    private static final System.Logger LOG = System.getLogger(Tokens.class.getName());

    private final TokenFile.Entry configured;
    private final Path file;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    WatchedTokens(String configured, Path file) throws TokenFile.Invalid {
        this.configured = configured == null ? null
                : new TokenFile.Entry(CONFIGURED, EnumSet.of(Scope.ADMIN), TokenFile.digest(configured));
        this.file = file;
        Stamp stamp = stamp();
        loaded.set(new Loaded(stamp, file == null ? List.of() : TokenFile.read(file), null));
    }

    @Override
    public Optional<Caller> find(String token) {
        byte[] given = TokenFile.digest(token);
        TokenFile.Entry found = null;
        // every digest is compared, so the time taken does not depend on which one matched
        if (configured != null && MessageDigest.isEqual(given, configured.digest())) {
            found = configured;
        }
        for (TokenFile.Entry entry : current().entries) {
            if (MessageDigest.isEqual(given, entry.digest()) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(entry -> new Caller(entry.name(), entry.scopes()));
    }

    @Override
    public boolean any() {
        return configured != null || !current().entries.isEmpty();
    }

    @Override
    public Path file() {
        return file;
    }

    /** The entries of the file as it is now, read again when it changed. */
    private Loaded current() {
        Loaded now = loaded.get();
        if (file == null) {
            return now;
        }
        Stamp stamp = stamp();
        if (stamp.equals(now.stamp)) {
            return now;
        }
        Loaded next;
        try {
            List<TokenFile.Entry> entries = TokenFile.read(file);
            next = new Loaded(stamp, entries, null);
            LOG.log(System.Logger.Level.INFO, "tokens file " + file + " read again: " + entries.size() + " token(s)");
        } catch (TokenFile.Invalid e) {
            if (!e.getMessage().equals(now.refused)) {
                LOG.log(System.Logger.Level.WARNING, "tokens file not used, the tokens read before stay in force: "
                        + e.getMessage());
            }
            next = new Loaded(stamp, now.entries, e.getMessage());
        }
        loaded.compareAndSet(now, next);
        return next;
    }

    /** What tells one version of the file from another; all nulls when it does not exist. */
    private Stamp stamp() {
        if (file == null) {
            return new Stamp(null, -1, -1);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            return new Stamp(null, -1, -1);
        } catch (IOException e) {
            // unreadable now: keep what is in hand until it can be read
            Loaded now = loaded.get();
            return now == null ? new Stamp(null, -1, -1) : now.stamp;
        }
    }

    private record Stamp(Object key, long size, long modified) {
    }

    /** The entries read, from which version of the file, and the last refusal reported. */
    private record Loaded(Stamp stamp, List<TokenFile.Entry> entries, String refused) {
    }
}
