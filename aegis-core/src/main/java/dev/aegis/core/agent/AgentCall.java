package dev.aegis.core.agent;

import java.util.concurrent.CompletionStage;

/** One guarded call in flight. It ends exactly once: with the guards' result, or as TIMEOUT when expired. */
public interface AgentCall {

    /** The agent called. */
    String agent();

    /** Completes with the call's result; never completes exceptionally. */
    CompletionStage<AgentResult> result();

    /**
     * Gives up on the call: a call without a result yet ends TIMEOUT, costs its caller nothing more, and its
     * running attempt is interrupted.
     *
     * @return the call's result, TIMEOUT if it had none
     */
    AgentResult expire();
}
