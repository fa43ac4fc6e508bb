package dev.aegis.core.agent.builtin;

import dev.aegis.api.AegisException;
import dev.aegis.api.agent.AgentOutcome;

/**
 * The input lacks a field an agent needs, or holds a bad one. Never leaves an agent: each agent turns it into
 * a permanent failure. Cheap: no stack trace.
 */
final class BadInput extends AegisException {

    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message);
    }

    AgentOutcome.Failure outcome() {
        return AgentOutcome.permanentFailure(getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
