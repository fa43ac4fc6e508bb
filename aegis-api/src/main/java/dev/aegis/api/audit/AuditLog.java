package dev.aegis.api.audit;

import java.util.List;

/**
 * The audit log port: append-only, each record chained to the one before by a SHA-256 hash, so that a changed,
 * removed, inserted or reordered record breaks the chain where it happened. Appends come from one writer at a time
 * (Aegis funnels them through one thread with group commit); verification may run beside them.
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Appends the events in order, as one group: when this returns they are written as durably as the adapter's
     * sync policy promises.
     *
     * @return the stored records, in the order given
     * @throws AuditLogException when nothing could be written
     */
    List<AuditRecord> append(List<AuditEvent> events);

    /**
     * Checks the chain over the records whose time falls in the range, including the links into and out of it, and
     * names the first bad record.
     *
     * @throws AuditLogException when the log cannot be read at all
     */
    AuditVerification verify(AuditRange range);

    /** Writes what is buffered, makes it durable, and releases the log. */
    @Override
    void close();
}
