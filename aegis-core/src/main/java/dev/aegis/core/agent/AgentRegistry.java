package dev.aegis.core.agent;

import java.util.List;

/** The configured agents, each wrapped in its guards (timeout, bulkhead, circuit breaker, retry). */
public final class AgentRegistry {

    public List<AgentView> agents() {
        throw new UnsupportedOperationException("in progress");
    }
}
