package dev.aegis.api.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which records a verification covers, by record time: from inclusive, to exclusive; absent means unbounded. */
public record AuditRange(Optional<Instant> from, Optional<Instant> to) {

    public AuditRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from (" + from.get() + ") must be before to (" + to.get() + ")");
        }
    }

    /** The whole log. */
    public static AuditRange all() {
        return new AuditRange(Optional.empty(), Optional.empty());
    }

    /** Whether a record of this time is in the range. */
    public boolean contains(Instant time) {
        return from.map(start -> !time.isBefore(start)).orElse(true) && to.map(time::isBefore).orElse(true);
    }
}
