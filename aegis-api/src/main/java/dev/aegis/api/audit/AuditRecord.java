package dev.aegis.api.audit;

import java.util.Objects;

/**
 * An event as the log stored it: its place in the chain and the hashes that tie it there.
 *
 * @param sequence 1 for the first record of a log, one more for each record after it
 * @param previousHash the hash of the record before (64 hex digits; 64 zeros before the first record)
 * @param hash SHA-256, in lower-case hex, over {@code previousHash} and the record's stored bytes
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash) {

    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
    }
}
