package dev.aegis.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The frame around every request: a request id (taken from {@code X-Request-Id} or made, put in the MDC and
 * echoed), the action, problems for rejections and failures (a 500 without internals, logged with its stack
 * trace), the request timer, and, while the server drains, {@code Connection: close} and the connection closed
 * after the response, so that no kept-alive connection holds the drain up.
 */
final class ApiHandler implements Handler {

    static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final String MDC_KEY = "request_id";
    static final Header PROBLEM_JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/problem+json");

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private final String uri;
    private final Action action;
    private final HttpMetrics metrics;
    private final BooleanSupplier draining;

    /** What a route does once framed; throws {@link ProblemException} to answer with a problem. */
    @FunctionalInterface
    interface Action {
        Reply run(ServerRequest request, String requestId);
    }

    ApiHandler(String uri, Action action, HttpMetrics metrics, BooleanSupplier draining) {
        this.uri = uri;
        this.action = action;
        this.metrics = metrics;
        this.draining = draining;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        metrics.started();
        String requestId = requestId(request);
        MDC.put(MDC_KEY, requestId);
        try {
            Reply reply = reply(request, requestId);
            boolean closing = send(response, reply, requestId);
            metrics.record(request.prologue().method().text(), uri, reply.status().code(), System.nanoTime() - start);
            if (closing) {
                throw new CloseConnectionException("the server is draining; closing the connection after the response");
            }
        } finally {
            MDC.remove(MDC_KEY);
            metrics.finished();
        }
    }

    /** A fresh request id: 128 random bits in hex. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    static Reply problem(ProblemException problem, String instance, String requestId) {
        ProblemType type = problem.type();
        byte[] body = JsonCodec.problem(
                type, type.status().code(), problem.detail(), instance, problem.field(), requestId);
        return new Reply(type.status(), PROBLEM_JSON, body, problem.headers());
    }

    private Reply reply(ServerRequest request, String requestId) {
        try {
            return action.run(request, requestId);
        } catch (ProblemException e) {
            LOG.debug("{} {} answered {}: {}", request.prologue().method().text(), uri, e.type(), e.detail());
            return problem(e, request.path().rawPath(), requestId);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure serving {} {}", request.prologue().method().text(), uri, e);
            ProblemException internal = new ProblemException(ProblemType.INTERNAL,
                    "the server failed to answer; the log has the details under request id " + requestId);
            return problem(internal, request.path().rawPath(), requestId);
        }
    }

    /** Writes the reply; answers whether the connection must close after it (the server is draining). */
    private boolean send(ServerResponse response, Reply reply, String requestId) {
        response.status(reply.status());
        response.header(REQUEST_ID, requestId);
        response.header(reply.contentType());
        for (Header header : reply.headers()) {
            response.header(header);
        }
        boolean closing = draining.getAsBoolean();
        if (closing) {
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        response.send(reply.body());
        return closing;
    }

    private static String requestId(ServerRequest request) {
        return request.headers().first(REQUEST_ID)
                .filter(id -> SAFE_ID.matcher(id).matches())
                .orElseGet(ApiHandler::newRequestId);
    }
}
