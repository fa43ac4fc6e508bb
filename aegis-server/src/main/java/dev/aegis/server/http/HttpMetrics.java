package dev.aegis.server.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code http.server.requests}: one timer per method, route template ({@code uri}) and status, with a percentile
 * histogram; timers are looked up in a small map, not rebuilt per request. {@code http.server.requests.active}:
 * the requests being served now (it shows a drain progress on shutdown).
 */
final class HttpMetrics {

    static final String NAME = "http.server.requests";
    static final String ACTIVE = "http.server.requests.active";
    /** The {@code uri} tag of requests that matched no route, so that unknown paths cannot explode the series. */
    static final String UNMATCHED = "NOT_FOUND";

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final LongAdder active = new LongAdder();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(ACTIVE, active, LongAdder::sum)
                .description("HTTP requests being served")
                .register(registry);
    }

    void started() {
        active.increment();
    }

    void finished() {
        active.decrement();
    }

    void record(String method, String uri, int status, long nanos) {
        timers.computeIfAbsent(new Key(method, uri, status), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(NAME)
                .description("HTTP requests served, by method, route template and status")
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 2 -> "SUCCESS";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "OTHER";
        };
    }

    private record Key(String method, String uri, int status) {}
}
