package dev.aegis.server;

import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.redis.state.RedisAgentStateStore;
import dev.aegis.server.config.ClusterSection;
import dev.aegis.server.config.StateConfig;
import java.util.Locale;

/** Builds the agent state store: Redis in cluster mode, shared by the nodes; otherwise the one {@code state.type} names. */
final class StateStores {

    static final String EMBEDDED = "embedded";

    private StateStores() {}

    static AgentStateStore create(StateConfig config, ClusterSection cluster, TimeSource time) {
        if (cluster.enabled()) {
            return RedisAgentStateStore.open(Redis.settings(cluster.redis()), time);
        }
        return switch (config.type().strip().toLowerCase(Locale.ROOT)) {
            case EMBEDDED -> new CaffeineAgentStateStore(time, config.maximumKeys());
            default -> throw new ConfigException("state.type '" + config.type()
                    + "' is not a known agent state store; known types: " + EMBEDDED);
        };
    }
}
