package dev.aegis.server.http;

import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.router.Router;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;

/** {@code GET /v1/agents} and {@code GET /v1/pipelines}: configuration, health, circuit state, latency. */
final class RegistryEndpoints {

    private final AgentRegistry agents;
    private final Router router;

    RegistryEndpoints(AgentRegistry agents, Router router) {
        this.agents = agents;
        this.router = router;
    }

    Reply agents(ServerRequest request, Caller caller) {
        return Reply.json(Status.OK_200, JsonCodec.write(Map.of("agents", agents.agents())));
    }

    Reply pipelines(ServerRequest request, Caller caller) {
        return Reply.json(Status.OK_200, JsonCodec.write(Map.of("pipelines", router.pipelines())));
    }
}
