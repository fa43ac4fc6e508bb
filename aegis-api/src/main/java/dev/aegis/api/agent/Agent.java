package dev.aegis.api.agent;

/**
 * One unit of judgement: takes a JSON input and answers with a score in [0, 1] and reasons, or a failure.
 *
 * <p>Implementations must be thread-safe: one instance serves every concurrent call. Blocking is fine (calls
 * run on virtual threads or in the agent's own bulkhead); an agent should give up by
 * {@link AgentContext#deadline()} and must let {@link InterruptedException} through.
 */
@FunctionalInterface
public interface Agent {

    /**
     * Evaluates one input.
     *
     * @throws InterruptedException when the caller gave up on this call (its deadline passed)
     * @throws Exception any other exception counts as a retryable failure
     */
    AgentOutcome evaluate(AgentInput input, AgentContext context) throws Exception;
}
