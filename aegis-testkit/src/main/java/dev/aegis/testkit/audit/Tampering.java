package dev.aegis.testkit.audit;

/**
 * Changes an audit log's storage behind its back, the way an intruder with access to it would, without
 * recomputing any hash. The suite calls it only while the log is closed.
 */
public interface Tampering {

    /** Changes one byte of the stored record, keeping it the same length and still one record. */
    void flipByte(long sequence);

    /** Removes the record. */
    void delete(long sequence);

    /** Exchanges the places of two records. */
    void swap(long first, long second);

    /** Stores a second copy of the record right after it. */
    void duplicate(long sequence);
}
