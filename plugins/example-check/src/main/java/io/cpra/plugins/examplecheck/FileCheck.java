package io.cpra.plugins.examplecheck;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One prepared {@code file} check. Immutable, so safe for concurrent calls. Reading a file's
 * attributes is a short blocking call; the deadline is checked before the work starts.
 */
final class FileCheck implements PulseCheck {

    private final Path path;
    private final Duration maxAge;
    private final long minSize;
    private final Clock clock;

    FileCheck(Path path, Duration maxAge, long minSize) {
        this(path, maxAge, minSize, Clock.systemUTC());
    }

    FileCheck(Path path, Duration maxAge, long minSize, Clock clock) {
        this.path = path;
        this.maxAge = maxAge;
        this.minSize = minSize;
        this.clock = clock;
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (deadline.expired()) {
            return PulseOutcome.unknown("deadline passed before " + path + " was read");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return PulseOutcome.critical(path + " does not exist");
        } catch (IOException e) {
            return PulseOutcome.unknown("cannot read " + path + ": " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            return PulseOutcome.critical(path + " is not a regular file");
        }
        Duration age = Duration.between(attributes.lastModifiedTime().toInstant(), Instant.now(clock));
        String shape = "age " + Durations.format(age.withNanos(0)) + ", " + attributes.size() + " bytes";
        if (maxAge != null && age.compareTo(maxAge) > 0) {
            return PulseOutcome.critical(path + " is older than " + Durations.format(maxAge) + " (" + shape + ")");
        }
        if (attributes.size() < minSize) {
            return PulseOutcome.critical(path + " is smaller than " + minSize + " bytes (" + shape + ")");
        }
        return PulseOutcome.ok(path + " is fresh (" + shape + ")")
                .withDetail("age_seconds=" + age.toSeconds() + " size_bytes=" + attributes.size());
    }
}
