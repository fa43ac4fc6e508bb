package dev.aegis.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.Objects;
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

    public static final String LIGHT = "light";
    public static final String HEAVY = "heavy";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_CONCURRENT = 256;

    public AgentConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(settings, "settings");
    }

    /** An agent of {@code type} with every default: 1 s timeout, light, 256 concurrent, default circuit, no retry. */
    public static AgentConfig defaults(String type) {
        return new AgentConfig(type, DEFAULT_TIMEOUT, LIGHT, DEFAULT_MAX_CONCURRENT, CircuitConfig.DEFAULT,
                Optional.empty(), JsonNodeFactory.instance.objectNode());
    }

    public AgentConfig withTimeout(Duration value) {
        return new AgentConfig(type, value, executor, maxConcurrent, circuit, retry, settings);
    }

    public AgentConfig withExecutor(String value) {
        return new AgentConfig(type, timeout, value, maxConcurrent, circuit, retry, settings);
    }

    public AgentConfig withMaxConcurrent(int value) {
        return new AgentConfig(type, timeout, executor, value, circuit, retry, settings);
    }

    public AgentConfig withCircuit(CircuitConfig value) {
        return new AgentConfig(type, timeout, executor, maxConcurrent, value, retry, settings);
    }

    public AgentConfig withRetry(RetryConfig value) {
        return new AgentConfig(type, timeout, executor, maxConcurrent, circuit, Optional.of(value), settings);
    }

    public AgentConfig withSettings(JsonNode value) {
        return new AgentConfig(type, timeout, executor, maxConcurrent, circuit, retry, value);
    }

    /** Whether calls run in the agent's own platform-thread pool. */
    public boolean heavy() {
        return HEAVY.equals(executor);
    }

    /**
     * Resilience4j circuit-breaker settings: the circuit opens when at least {@code failureRateThreshold} percent
     * of the calls made in the last {@code window} failed (once {@code minimumCalls} were made in it), for
     * {@code openFor}. The window is time-based, in whole seconds: a count of calls would shrink to milliseconds
     * at high rates, so one GC pause could open every circuit.
     */
    public record CircuitConfig(float failureRateThreshold, Duration window, int minimumCalls, Duration openFor) {

        /** 50 % over a 10 s window, at least 100 calls, open for 10 s. */
        public static final CircuitConfig DEFAULT =
                new CircuitConfig(50f, Duration.ofSeconds(10), 100, Duration.ofSeconds(10));

        public CircuitConfig {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(openFor, "openFor");
        }
    }

    /** Resilience4j retry settings; absent means one attempt. {@code backoff} doubles after each attempt. */
    public record RetryConfig(int maxAttempts, Duration backoff) {

        /** Three attempts, 10 ms then 20 ms apart. */
        public static final RetryConfig DEFAULT = new RetryConfig(3, Duration.ofMillis(10));

        public RetryConfig {
            Objects.requireNonNull(backoff, "backoff");
        }
    }
}
