package dev.aegis.api.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What a verification found.
 *
 * @param records how many records in the range were checked and found sound, up to the first bad one
 * @param firstBad the first record that is changed, missing, inserted or out of order; absent when ok
 */
public record AuditVerification(long records, Optional<BadRecord> firstBad) {

    public AuditVerification {
        Objects.requireNonNull(firstBad, "firstBad");
    }

    public boolean ok() {
        return firstBad.isEmpty();
    }

    /**
     * Where the chain breaks.
     *
     * @param location where to look, in the adapter's terms (for files: the segment path and line number)
     * @param sequence the sequence number the verifier expected at that place
     * @param reason what is wrong, in words: hash mismatch, sequence gap, broken link, unreadable record
     */
    public record BadRecord(String location, long sequence, String reason) {

        public BadRecord {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
