package dev.aegis.core.audit.file;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each tier keeps a day of the audit log, counted from the end of that (UTC) day.
 *
 * @param archiveAfter when a day's sealed segments move, gzipped, to the archive tier
 * @param deleteAfter when a day leaves the log altogether; not shorter than {@code archiveAfter}
 */
public record AuditRetention(Duration archiveAfter, Duration deleteAfter) {

    public AuditRetention {
        Objects.requireNonNull(archiveAfter, "archiveAfter");
        Objects.requireNonNull(deleteAfter, "deleteAfter");
        if (archiveAfter.isNegative() || archiveAfter.isZero()) {
            throw new IllegalArgumentException("audit archiveAfter must be positive, was " + archiveAfter);
        }
        if (deleteAfter.compareTo(archiveAfter) < 0) {
            throw new IllegalArgumentException("audit deleteAfter (" + deleteAfter
                    + ") must not be shorter than archiveAfter (" + archiveAfter + ")");
        }
    }

    /** Archive after 30 days, delete after 2,555 days (seven years). */
    public static AuditRetention defaults() {
        return new AuditRetention(Duration.ofDays(30), Duration.ofDays(2555));
    }
}
