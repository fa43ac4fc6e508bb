package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a load test does: {@code POST {url}/v1/pipelines/{pipeline}/evaluate} (or, in task mode,
 * {@code POST {url}/v1/tasks}) at a constant arrival rate for a warm-up (not reported) and then a measured duration,
 * over at most {@code connections} keep-alive connections, never more than {@code maxRequests} requests in all. Bad
 * settings fail here, before anything is sent.
 *
 * @param pipeline the pipeline evaluated; unused in task mode
 * @param subjects distinct subjects the generated logins are spread over; unused in task mode
 * @param timeout how long a request may take, waiting for a connection included, before it counts as an error
 * @param seed seeds the generated login events, so two runs send the same traffic; unused in task mode
 * @param ioThreads the client's I/O threads
 * @param client which HTTP client sends the requests
 * @param tasks present for task mode: submit tasks instead of evaluating, and report how fast the node completed them
 */
public record LoadTestPlan(URI url, String pipeline, double rate, Duration duration, Duration warmup,
        int connections, Optional<String> key, int subjects, OptionalLong maxRequests, Duration timeout, long seed,
        int ioThreads, SloTargets targets, Client client, Optional<TaskSubmits> tasks) {

    /** What pipeline and agent names look like. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    public LoadTestPlan {
        url = checkedUrl(url);
        require(client != Client.NIO || "http".equals(url.getScheme()),
                "the nio client speaks plain http only; use --client jdk for " + url);
        require(NAME.matcher(pipeline).matches(), "pipeline name '" + pipeline + "' is not a valid name");
        require(rate > 0 && Double.isFinite(rate), "rate must be a positive number of requests a second, got " + rate);
        require(!duration.isNegative() && !duration.isZero(), "duration must be positive, got " + duration);
        require(!warmup.isNegative(), "warm-up must not be negative, got " + warmup);
        require(connections > 0, "connections must be at least 1, got " + connections);
        require(subjects > 0, "subjects must be at least 1, got " + subjects);
        require(maxRequests.orElse(1) > 0, "max-requests must be at least 1, got " + maxRequests.orElse(0));
        require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, got " + timeout);
        require(ioThreads > 0, "io-threads must be at least 1, got " + ioThreads);
        require(rate * duration.toNanos() / NANOS_PER_SECOND >= 1,
                "a rate of " + rate + "/s for " + duration + " sends no request; raise the rate or the duration");
        long warmupTickets = tickets(rate, warmup);
        require(maxRequests.orElse(Long.MAX_VALUE) > warmupTickets, "max-requests " + maxRequests.orElse(0)
                + " leaves nothing to measure after the " + warmupTickets + " requests of the warm-up");
    }

    /** The URL every request goes to. */
    public URI requestUri() {
        return resolve(tasks.isPresent() ? "v1/tasks" : "v1/pipelines/" + pipeline + "/evaluate");
    }

    /** The node's Prometheus metrics, read in task mode. */
    URI metricsUri() {
        return resolve("metrics");
    }

    /** Requests in the warm-up. */
    public long warmupRequests() {
        return tickets(rate, warmup);
    }

    /** Requests in the whole run: warm-up and measured phase, bounded by {@code maxRequests}. */
    public long totalRequests() {
        long planned = warmupRequests() + tickets(rate, duration);
        return Math.min(planned, maxRequests.orElse(Long.MAX_VALUE));
    }

    /** The key is a secret: it is never printed. */
    @Override
    public String toString() {
        return "LoadTestPlan[url=" + url + ", pipeline=" + pipeline + ", rate=" + rate + ", duration=" + duration
                + ", warmup=" + warmup + ", connections=" + connections + ", key=" + key.map(k -> "(set)")
                .orElse("(none)") + ", subjects=" + subjects + ", maxRequests=" + maxRequests + ", timeout="
                + timeout + ", seed=" + seed + ", ioThreads=" + ioThreads + ", targets=" + targets
                + ", client=" + client.label() + ", tasks=" + tasks + "]";
    }

    /** The HTTP client of the load tester; see docs/loadtest.md for what each costs. */
    public enum Client {
        /** Our own HTTP/1.1 client on {@code java.nio}: plain http, the cheapest per request (the default). */
        NIO,
        /** {@code java.net.http.HttpClient}: http and https, several times the CPU a request. */
        JDK;

        /** The name on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The client named {@code label}, ignoring case. */
        public static Client of(String label) {
            for (Client client : values()) {
                if (client.label().equalsIgnoreCase(label.strip())) {
                    return client;
                }
            }
            throw new AegisException("client must be nio or jdk, got '" + label + "'");
        }
    }

    private URI resolve(String path) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path);
    }

    private static long tickets(double rate, Duration span) {
        return Math.round(rate * span.toNanos() / NANOS_PER_SECOND);
    }

    private static URI checkedUrl(URI url) {
        String scheme = url.getScheme();
        require(("http".equals(scheme) || "https".equals(scheme)) && url.getHost() != null,
                "url must be http:// or https:// with a host, got '" + url + "'");
        require(url.getQuery() == null && url.getFragment() == null,
                "url must not have a query or a fragment, got '" + url + "'");
        return url;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AegisException(message);
        }
    }
}
