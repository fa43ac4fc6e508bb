package dev.aegis.server.config;

import dev.aegis.core.config.EngineConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a node runs with. {@code configDirectory} is the folder of the configuration file (the working
 * directory when there is none); agents resolve relative file names against it. {@code fingerprint} is the
 * SHA-256 of the merged configuration, recorded in the audit log when the node starts.
 */
public record AegisConfig(
        ServerConfig server,
        AuthConfig auth,
        RateLimitsConfig rateLimits,
        StateConfig state,
        TasksSection tasks,
        AuditSection audit,
        IndexSection index,
        ClusterSection cluster,
        EngineConfig engine,
        Path configDirectory,
        String fingerprint) {

    public AegisConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(configDirectory, "configDirectory");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
