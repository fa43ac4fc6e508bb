package dev.aegis.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened, as the caller states it; the log gives it a sequence number and a place in the chain.
 *
 * @param action what happened, dotted and lower case: {@code decision}, {@code task.transition},
 *     {@code key.created}, {@code config.loaded}
 * @param resource what it happened to: {@code evaluation/<id>}, {@code task/<id>}, {@code key/<fingerprint>}
 * @param actor who did it: {@code key/<fingerprint>} for an API caller, {@code aegis/<part>} for the node itself
 * @param requestId the request that caused it, when one did
 * @param details a JSON object with the action's own fields
 */
public record AuditEvent(Instant time, String tenant, String actor, Optional<String> requestId, String action,
        String resource, JsonNode details) {

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(details, "details");
        if (!details.isObject()) {
            throw new IllegalArgumentException("details must be a JSON object, was " + details.getNodeType());
        }
    }
}
