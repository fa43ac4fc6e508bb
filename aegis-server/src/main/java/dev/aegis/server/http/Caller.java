package dev.aegis.server.http;

import dev.aegis.core.audit.Origin;
import dev.aegis.server.auth.Principal;
import io.helidon.http.Header;
import java.util.List;
import java.util.Optional;

/** An admitted request: its id, who calls (absent on public routes), and the rate-limit headers to send. */
record Caller(String requestId, Optional<Principal> principal, List<Header> rateLimitHeaders) {

    static Caller anonymous(String requestId) {
        return new Caller(requestId, Optional.empty(), List.of());
    }

    /** The caller's tenant; only authenticated routes ask. */
    String tenant() {
        return authenticated().tenant();
    }

    /** The caller as the audit log names it: tenant, key and request; only authenticated routes ask. */
    Origin origin() {
        Principal caller = authenticated();
        return new Origin(caller.tenant(), caller.actor(), Optional.of(requestId));
    }

    private Principal authenticated() {
        return principal.orElseThrow(() -> new IllegalStateException("route is not authenticated"));
    }
}
