package dev.aegis.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * {@code index}: where the metadata index is kept ({@code embedded}: H2 under {@code server.data_dir};
 * {@code memory}: lost on restart; {@code none}), how long a decision summary is kept, which event field names a
 * decision's region, how often expired days are dropped, and how long the writer gathers summaries into one commit.
 */
public record IndexSection(String store, Duration ttl, String regionField, Duration expireCheck, Duration linger) {

    static final Set<String> STORES = Set.of("embedded", "memory", "none");

    public IndexSection {
        store = AuditSection.oneOf("store", store, STORES);
        AuditSection.requirePositive("ttl", ttl);
        AuditSection.requirePositive("expire_check", expireCheck);
        AuditSection.requireNotNegative("linger", linger);
        Objects.requireNonNull(regionField, "region_field");
        if (regionField.isBlank()) {
            throw new IllegalArgumentException("region_field must name an event field");
        }
    }
}
