package dev.aegis.core.agent;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.AgentConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Resilience4j registries of one engine, bound to Micrometer with tagged metrics
 * ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.bulkhead.*}, {@code resilience4j.retry.*}, tagged
 * {@code name=<agent>}), and the translation of an agent's configuration into its guards. Time-outs are counted
 * by {@code aegis.agent.calls{status=TIMEOUT}}: time-limiter metrics would cost an event per call for nothing new.
 */
final class Resilience {

    private static final Duration SHORTEST_BACKOFF = Duration.ofMillis(1);
    private static final int HALF_OPEN_CALLS = 10;

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final TimeLimiterRegistry limiters = TimeLimiterRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final TimeSource time;

    Resilience(MeterRegistry meters, TimeSource time) {
        this.time = time;
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    Guards guards(String agent, AgentConfig config) {
        return new Guards(
                breakers.circuitBreaker(agent, breakerConfig(config.circuit())),
                bulkheads.bulkhead(agent, bulkheadConfig(config.maxConcurrent())),
                limiters.timeLimiter(agent, limiterConfig(config.timeout())),
                config.retry().map(retry -> retries.retry(agent, retryConfig(retry))));
    }

    private CircuitBreakerConfig breakerConfig(AgentConfig.CircuitConfig circuit) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(Math.toIntExact(circuit.window().toSeconds()))
                .minimumNumberOfCalls(circuit.minimumCalls())
                .failureRateThreshold(circuit.failureRateThreshold())
                .waitDurationInOpenState(circuit.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.min(HALF_OPEN_CALLS, circuit.minimumCalls()))
                .recordResult(Guards::failedResult)
                .ignoreException(Guards::ignoredByCircuit)
                .writableStackTraceEnabled(false)
                .clock(new TimeSourceClock(time))
                .currentTimestampFunction(clock -> time.nanoTime(), TimeUnit.NANOSECONDS)
                .build();
    }

    private static BulkheadConfig bulkheadConfig(int maxConcurrent) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(Duration.ZERO)
                .fairCallHandlingStrategyEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
    }

    private static TimeLimiterConfig limiterConfig(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
    }

    private static RetryConfig retryConfig(AgentConfig.RetryConfig retry) {
        Duration backoff = retry.backoff().compareTo(SHORTEST_BACKOFF) < 0 ? SHORTEST_BACKOFF : retry.backoff();
        return RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
                .retryOnResult(Guards::retryableResult)
                .retryOnException(Guards::retryableException)
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
    }
}
