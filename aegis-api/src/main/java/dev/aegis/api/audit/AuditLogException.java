package dev.aegis.api.audit;

import dev.aegis.api.AegisException;

/** The audit log cannot be written or read (disk full, storage unreachable); nothing was appended. */
public final class AuditLogException extends AegisException {

    public AuditLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
