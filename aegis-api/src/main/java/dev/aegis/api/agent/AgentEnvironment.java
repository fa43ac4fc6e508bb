package dev.aegis.api.agent;

import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.nio.file.Path;

/** What the runtime lends a provider to build agents with. */
public interface AgentEnvironment {

    /** Shared state (windows, last values, sets) that outlives one call. */
    AgentStateStore state();

    TimeSource time();

    /**
     * Resolves a file named in settings: relative paths against the configuration file's folder; the
     * prefix {@code classpath:} reads a resource shipped in the jar.
     */
    Path resolve(String location);
}
