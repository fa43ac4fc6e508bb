package dev.aegis.core.router;

import dev.aegis.api.AegisException;

/** Decisions cannot be recorded now (the audit log is behind or down); trying again later may succeed. */
public final class DecisionNotRecordedException extends AegisException {

    public DecisionNotRecordedException(String message) {
        super(message);
    }
}
