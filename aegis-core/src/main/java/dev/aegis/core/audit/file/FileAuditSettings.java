package dev.aegis.core.audit.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link FileAuditLog} writes.
 *
 * @param root the folder that holds every environment's log and the archive tier
 * @param environment the log's name under {@code root}: lower-case letters, digits and dashes, at most 32
 *     characters, not {@code archive}
 * @param sync when appends are forced to the disk
 * @param syncInterval how often {@link SyncPolicy#INTERVAL} forces
 * @param segmentBytes the size past which the log seals its segment and starts a new one
 */
public record FileAuditSettings(Path root, String environment, SyncPolicy sync, Duration syncInterval,
        long segmentBytes) {

    /** The segment size when none is given: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public FileAuditSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (!ENVIRONMENT.matcher(environment).matches() || environment.equals(Layout.ARCHIVE)) {
            throw new IllegalArgumentException("audit environment '" + environment
                    + "' must match [a-z0-9][a-z0-9-]{0,31} and not be 'archive'");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("audit sync interval must be positive, was " + syncInterval);
        }
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("audit segment size must be positive, was " + segmentBytes);
        }
    }

    /** Environment {@code local}, {@link SyncPolicy#BATCH}, a one-second interval, 64 MiB segments. */
    public static FileAuditSettings defaults(Path root) {
        return new FileAuditSettings(root, "local", SyncPolicy.BATCH, Duration.ofSeconds(1), DEFAULT_SEGMENT_BYTES);
    }
}
