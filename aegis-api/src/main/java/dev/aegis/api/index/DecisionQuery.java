package dev.aegis.api.index;

import java.time.Instant;
import java.util.Objects;

/**
 * The decisions of one kind in one region of one tenant, in a time range ({@code from} inclusive, {@code to}
 * exclusive), newest first: "every BLOCK in eu-west this week".
 *
 * @param decision ALLOW, REVIEW or BLOCK
 * @param limit at most this many, at least 1
 */
public record DecisionQuery(String tenant, String decision, String region, Instant from, Instant to, int limit) {

    public DecisionQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
