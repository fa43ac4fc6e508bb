package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;

/**
 * An agent that judges one event with state kept per tenant; an event missing a field it needs is a
 * permanent failure that names the field, never an exception.
 */
interface TenantEventAgent extends Agent {

    /** Judges the event for {@code tenant}; throws {@link BadInput} for a missing or invalid field. */
    AgentOutcome judge(AgentInput input, String tenant);

    @Override
    default AgentOutcome evaluate(AgentInput input, AgentContext context) {
        try {
            return judge(input, context.tenant());
        } catch (BadInput e) {
            return e.outcome();
        }
    }
}
