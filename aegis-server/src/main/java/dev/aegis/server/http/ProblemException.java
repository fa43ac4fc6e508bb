package dev.aegis.server.http;

import dev.aegis.api.AegisException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ends a request with a problem response. A rejection, not a failure: it carries no stack trace, so that bad
 * input and exhausted limits stay cheap.
 */
final class ProblemException extends AegisException {

    private static final Header RETRY_SOON = HeaderValues.createCached(HeaderNames.RETRY_AFTER, "1");

    private final ProblemType type;
    private final Optional<String> field;
    private final List<Header> headers;

    ProblemException(ProblemType type, String detail) {
        this(type, detail, Optional.empty(), List.of());
    }

    ProblemException(ProblemType type, String detail, Optional<String> field, List<Header> headers) {
        super(detail);
        this.type = type;
        this.field = field;
        this.headers = List.copyOf(headers);
    }

    /** A 503 with {@code Retry-After: 1}: a dependency is down or behind, and trying again soon may work. */
    static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.UNAVAILABLE, detail, Optional.empty(), List.of(RETRY_SOON));
    }

    /** A 400 about one field of the body ({@code body} for the body as a whole). */
    static ProblemException invalidField(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, detail, Optional.of(field), List.of());
    }

    ProblemType type() {
        return type;
    }

    String detail() {
        return getMessage();
    }

    Optional<String> field() {
        return field;
    }

    List<Header> headers() {
        return headers;
    }

    ProblemException withHeaders(List<Header> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Header> all = new ArrayList<>(headers);
        all.addAll(more);
        return new ProblemException(type, detail(), field, all);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
