package dev.aegis.server.config;

import java.util.Objects;

/** {@code state}: the agent state store adapter by type name, and how many keys it keeps at most. */
public record StateConfig(String type, long maximumKeys) {

    public StateConfig {
        Objects.requireNonNull(type, "type");
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximum_keys must be at least 1, was " + maximumKeys);
        }
    }
}
