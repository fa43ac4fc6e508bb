package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.AegisException;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs {@code {"subject": ..., "data": ...}} to a remote agent and reads back {@code {"score", "reasons",
 * "payload"}}. Each call waits at most the read timeout or the time left to the deadline, whichever is less.
 * 5xx, 429, timeouts and I/O errors are retryable failures; other statuses and malformed answers are not.
 */
final class HttpAgent implements Agent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY_CHARS = 200;

    private final String name;
    private final HttpClient client;
    private final URI url;
    private final String[] headers;
    private final Duration readTimeout;

    HttpAgent(String name, HttpClient client, URI url, String[] headers, Duration readTimeout) {
        this.name = name;
        this.client = client;
        this.url = url;
        this.headers = headers.clone();
        this.readTimeout = readTimeout;
    }

    @Override
    public AgentOutcome evaluate(AgentInput input, AgentContext context) throws InterruptedException {
        Duration timeout = context.remaining().compareTo(readTimeout) < 0 ? context.remaining() : readTimeout;
        if (timeout.isZero() || timeout.isNegative()) {
            return AgentOutcome.retryableFailure("no time left before the deadline to call " + where());
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .headers(headers)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(input)))
                .build();
        try {
            return outcome(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (HttpTimeoutException e) {
            return AgentOutcome.retryableFailure("no answer from " + where() + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return AgentOutcome.retryableFailure("cannot call " + where() + ": " + e);
        }
    }

    private byte[] body(AgentInput input) {
        ObjectNode body = JSON.createObjectNode();
        body.put("subject", input.subject().orElse(null));
        body.set("data", input.data());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new AegisException("cannot write the request to " + where() + ": " + e.getMessage(), e);
        }
    }

    private AgentOutcome outcome(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return RemoteAnswer.parse(name, response.body(), JSON)
                    .<AgentOutcome>map(success -> success)
                    .orElseGet(() -> AgentOutcome.permanentFailure(malformed(response.body())));
        }
        String problem = where() + " answered " + status + ": " + shown(response.body());
        return status == 429 || status >= 500
                ? AgentOutcome.retryableFailure(problem)
                : AgentOutcome.permanentFailure(problem);
    }

    private String malformed(byte[] body) {
        return "malformed answer from " + where() + " (want {\"score\": 0..1, \"reasons\": [...], \"payload\": "
                + "{...}}): " + shown(body);
    }

    /** Scheme, host and port only: paths and queries may hold secrets. */
    private String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String shown(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= SHOWN_BODY_CHARS ? text : text.substring(0, SHOWN_BODY_CHARS) + "...";
    }
}
