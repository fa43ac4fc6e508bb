package dev.aegis.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who caused a change, as the audit log names them: the tenant, the actor ({@code key/<fingerprint>} for an API
 * caller, {@code aegis/<part>} for the node itself) and the request, when a request did.
 */
public record Origin(String tenant, String actor, Optional<String> requestId) {

    public Origin {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** A change the node makes on its own, such as a worker moving a task. */
    public static Origin node(String tenant, String part) {
        return new Origin(tenant, "aegis/" + part, Optional.empty());
    }
}
