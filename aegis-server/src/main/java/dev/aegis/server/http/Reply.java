package dev.aegis.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import java.util.ArrayList;
import java.util.List;

/** A complete response, built by an endpoint and written by {@link ApiHandler}. */
record Reply(Status status, Header contentType, byte[] body, List<Header> headers) {

    static final Header JSON = HeaderValues.CONTENT_TYPE_JSON;

    static Reply json(Status status, byte[] body) {
        return new Reply(status, JSON, body, List.of());
    }

    Reply withHeaders(List<Header> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Header> all = new ArrayList<>(headers);
        all.addAll(more);
        return new Reply(status, contentType, body, List.copyOf(all));
    }
}
