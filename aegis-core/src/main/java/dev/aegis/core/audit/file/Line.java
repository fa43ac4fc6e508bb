package dev.aegis.core.audit.file;

import java.time.Instant;

/** One line of a segment as the verifier reads it. */
sealed interface Line {

    /**
     * A record line.
     *
     * @param intact whether the stored hash is the hash of the line
     */
    record Entry(long sequence, Instant time, String previousHash, String hash, boolean intact) implements Line {
    }

    /** The line that seals a segment: its last record, how many records it holds, and that record's hash. */
    record Seal(long sequence, long records, String last, String previousHash, boolean intact) implements Line {
    }

    /** A line that is not a record or seal at all. */
    record Unreadable(String reason) implements Line {
    }
}
