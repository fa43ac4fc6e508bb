package dev.aegis.api.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The decisions of one subject of one tenant, newest first.
 *
 * @param since only decisions at or after this instant, when present
 * @param limit at most this many, at least 1
 */
public record SubjectQuery(String tenant, String subject, Optional<Instant> since, int limit) {

    public SubjectQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(since, "since");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
