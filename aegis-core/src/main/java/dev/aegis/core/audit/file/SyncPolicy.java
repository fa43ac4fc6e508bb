package dev.aegis.core.audit.file;

import java.util.Arrays;
import java.util.Locale;

/** When {@link FileAuditLog} forces what it wrote to the disk. */
public enum SyncPolicy {

    /** After every append call, so that a returned append survives a crash (group commit: one call, one force). */
    BATCH,
    /** At most once per sync interval, checked on append, and on close: a crash may lose the last interval. */
    INTERVAL,
    /** Only when a segment is sealed and on close; the operating system decides the rest. */
    NONE;

    /** The policy named by {@code text}, in any case ({@code batch}, {@code interval}, {@code none}). */
    public static SyncPolicy parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(policy -> policy.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit sync policy '" + text
                        + "', expected one of batch, interval, none"));
    }
}
