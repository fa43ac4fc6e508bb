package dev.aegis.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One agent as the YAML configuration declares it under {@code agents.<name>}: the provider type, the
 * provider's settings, and how the runtime guards each call.
 *
 * @param executor {@code light} (virtual threads, semaphore bulkhead) or {@code heavy} (its own bounded
 *     platform-thread pool, so it cannot starve light agents)
 */
public record AgentConfig(
        String type,
        Duration timeout,
        String executor,
        int maxConcurrent,
        CircuitConfig circuit,
        Optional<RetryConfig> retry,
        JsonNode settings) {

    /** Resilience4j circuit-breaker settings. */
    public record CircuitConfig(
            float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openFor) {}

    /** Resilience4j retry settings; absent means one attempt. */
    public record RetryConfig(int maxAttempts, Duration backoff) {}
}
