package dev.aegis.api.agent;

import java.time.Duration;
import java.time.Instant;

/** What an agent knows about the call it serves. */
public interface AgentContext {

    /** The tenant on whose behalf the agent runs. */
    String tenant();

    /** Identifies the request (or task attempt) in logs and for idempotency. */
    String requestId();

    /** The absolute instant after which nobody waits for the answer. */
    Instant deadline();

    /** Time left until {@link #deadline()}, never negative. */
    Duration remaining();
}
