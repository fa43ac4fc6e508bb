package dev.aegis.api.state;

import dev.aegis.api.AegisException;

/**
 * The shared agent state cannot be reached (connection refused, command timed out); the operation may or may not
 * have been applied, and trying again soon may succeed. Cheap: it carries no stack trace of its own, only its
 * cause.
 */
public final class AgentStateUnavailableException extends AegisException {

    public AgentStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
