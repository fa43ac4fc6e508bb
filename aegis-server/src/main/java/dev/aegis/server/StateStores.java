package dev.aegis.server;

import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.server.config.StateConfig;
import java.util.Locale;

/** Builds the agent state store that {@code state.type} names. */
final class StateStores {

    static final String EMBEDDED = "embedded";

    private StateStores() {}

    static AgentStateStore create(StateConfig config, TimeSource time) {
        return switch (config.type().strip().toLowerCase(Locale.ROOT)) {
            case EMBEDDED -> new CaffeineAgentStateStore(time, config.maximumKeys());
            default -> throw new ConfigException("state.type '" + config.type()
                    + "' is not a known agent state store; known types: " + EMBEDDED);
        };
    }
}
