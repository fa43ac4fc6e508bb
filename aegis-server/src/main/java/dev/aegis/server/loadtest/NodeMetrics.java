package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The node's Prometheus endpoint ({@code GET /metrics}, no key needed), read for its count of succeeded tasks. */
final class NodeMetrics {

    static final String TRANSITIONS = "aegis_tasks_transitions_total";

    private final URI uri;
    private final int timeoutMillis;

    NodeMetrics(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Tasks the node has moved to succeeded since it started, summed over any other label. */
    long succeededTasks() {
        return Math.round(MetricsText.sum(scrape(), TRANSITIONS, "status", "succeeded")
                .orElseThrow(() -> new AegisException(uri + " shows no " + TRANSITIONS
                        + "{status=\"succeeded\"}: is it an Aegis node that runs tasks?")));
    }

    private String scrape() {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                connection.disconnect();
                throw new AegisException("GET " + uri + " answered " + status + ", not 200");
            }
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new AegisException("cannot read " + uri + ": " + e, e);
        }
    }
}
