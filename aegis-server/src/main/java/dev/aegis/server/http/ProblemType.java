package dev.aegis.server.http;

import io.helidon.http.Status;

/** The kinds of RFC 9457 problems the API answers with; {@code type} is {@code urn:aegis:problem:<slug>}. */
enum ProblemType {
    MALFORMED_BODY(Status.BAD_REQUEST_400, "malformed-body", "The request body is not valid JSON"),
    INVALID_FIELD(Status.BAD_REQUEST_400, "invalid-field", "A field of the request is missing or invalid"),
    BAD_REQUEST(Status.BAD_REQUEST_400, "bad-request", "The request is not valid HTTP"),
    UNAUTHORIZED(Status.UNAUTHORIZED_401, "unauthorized", "A valid API key is required"),
    FORBIDDEN(Status.FORBIDDEN_403, "forbidden", "The API key lacks a role this route needs"),
    NOT_FOUND(Status.NOT_FOUND_404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed"),
    CONFLICT(Status.CONFLICT_409, "conflict", "The request conflicts with the current state of the resource"),
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(Status.TOO_MANY_REQUESTS_429, "rate-limited", "Too many requests"),
    INTERNAL(Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal server error"),
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable");

    private final Status status;
    private final String uri;
    private final String title;

    ProblemType(Status status, String slug, String title) {
        this.status = status;
        this.uri = "urn:aegis:problem:" + slug;
        this.title = title;
    }

    Status status() {
        return status;
    }

    String uri() {
        return uri;
    }

    String title() {
        return title;
    }

    /** The closest kind for a status the HTTP layer chose itself. */
    static ProblemType forStatus(Status status) {
        for (ProblemType type : values()) {
            if (type.status.code() == status.code() && type != MALFORMED_BODY && type != INVALID_FIELD) {
                return type;
            }
        }
        return status.code() < 500 ? BAD_REQUEST : INTERNAL;
    }
}
