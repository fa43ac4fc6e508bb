package dev.aegis.server.config;

import dev.aegis.core.config.EngineConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a node runs with. {@code configDirectory} is the folder of the configuration file (the working
 * directory when there is none); agents resolve relative file names against it.
 */
public record AegisConfig(
        ServerConfig server,
        AuthConfig auth,
        RateLimitsConfig rateLimits,
        StateConfig state,
        TasksSection tasks,
        EngineConfig engine,
        Path configDirectory) {

    public AegisConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(configDirectory, "configDirectory");
    }
}
