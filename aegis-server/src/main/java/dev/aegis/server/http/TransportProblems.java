package dev.aegis.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.Optional;

/**
 * Problems for what Helidon rejects before routing (malformed HTTP, bodies over the hard cap), so that even
 * these answers are {@code application/problem+json}.
 */
final class TransportProblems implements DirectHandler {

    static DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        TransportProblems handler = new TransportProblems();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        ProblemType type = ProblemType.forStatus(status);
        String requestId = ApiHandler.newRequestId();
        String detail = message == null || message.isBlank() ? status.reasonPhrase() : message;
        byte[] body = JsonCodec.problem(type, status.code(), detail, request.path(), Optional.empty(), requestId);
        headers.set(ApiHandler.PROBLEM_JSON);
        headers.set(ApiHandler.REQUEST_ID, requestId);
        return TransportResponse.builder().status(status).headers(headers).entity(body).build();
    }
}
