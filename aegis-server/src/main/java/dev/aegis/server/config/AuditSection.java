package dev.aegis.server.config;

import dev.aegis.core.audit.file.SyncPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code audit}: where the hash-chained audit log is kept ({@code type: files} under {@code dir}, or {@code none}),
 * how appends are grouped and synced, when a day's segments move to the archive tier and when they are deleted, and how many
 * records may wait for the writer.
 */
public record AuditSection(String type, String dir, String environment, SyncPolicy sync, Duration syncInterval,
        Duration linger, long segmentBytes, Duration archiveAfter, Duration deleteAfter, Duration retentionCheck,
        int queue) {

    static final Set<String> TYPES = Set.of("files", "none");

    public AuditSection {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(sync, "sync");
        type = oneOf("type", type, TYPES);
        requirePositive("sync_interval", syncInterval);
        requirePositive("retention_check", retentionCheck);
        requireNotNegative("linger", linger);
        if (segmentBytes < 4_096) {
            throw new IllegalArgumentException("segment_bytes must be at least 4096, was " + segmentBytes);
        }
        if (archiveAfter.compareTo(deleteAfter) >= 0) {
            throw new IllegalArgumentException("archive_after (" + archiveAfter.toDays()
                    + "d) must be shorter than delete_after (" + deleteAfter.toDays() + "d)");
        }
        requirePositive("archive_after", archiveAfter);
        if (queue < 1) {
            throw new IllegalArgumentException("queue must be at least 1, was " + queue);
        }
    }

    public boolean enabled() {
        return type.equals("files");
    }

    static String oneOf(String key, String value, Set<String> allowed) {
        String normalised = Objects.requireNonNull(value, key).toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new IllegalArgumentException(key + " must be one of " + new TreeSet<>(allowed)
                    + ", was '" + value + "'");
        }
        return normalised;
    }

    static void requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be 0s or longer, was " + value);
        }
    }

    static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than 0s, was " + value);
        }
    }
}
