package dev.aegis.server.http;

import dev.aegis.api.AegisException;
import io.helidon.http.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ends a request with a problem response. A rejection, not a failure: it carries no stack trace, so that bad
 * input and exhausted limits stay cheap.
 */
final class ProblemException extends AegisException {

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
