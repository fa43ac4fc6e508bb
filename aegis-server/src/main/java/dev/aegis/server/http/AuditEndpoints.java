package dev.aegis.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.Origin;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/audit/verify?from=&to=}: checks the audit log's hash chain over a time range and answers
 * {@code {"ok", "records", "first_bad"?}}. The check is itself recorded, as {@code audit.verified}.
 */
final class AuditEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AuditEndpoints.class);
    private static final List<String> PARAMETERS = List.of("from", "to");

    private final AuditTrail trail;
    private final TimeSource time;

    AuditEndpoints(AuditTrail trail, TimeSource time) {
        this.trail = trail;
        this.time = time;
    }

    Reply verify(ServerRequest request, Caller caller) {
        if (!trail.enabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "this node keeps no audit log (audit.type is none)");
        }
        QueryParameters query = QueryParameters.of(request.query(), PARAMETERS);
        Optional<Instant> from = query.instant("from");
        Optional<Instant> to = query.instant("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ProblemException.invalidField("to", "to (" + to.get() + ") must be after from (" + from.get() + ")");
        }
        AuditVerification verification = verify(new AuditRange(from, to));
        recordCheck(caller.origin(), verification);
        return Reply.json(Status.OK_200, JsonCodec.verification(verification));
    }

    private AuditVerification verify(AuditRange range) {
        try {
            return trail.verify(range);
        } catch (AuditLogException e) {
            LOG.warn("the audit log could not be read: {}", e.getMessage());
            throw ProblemException.unavailable("the audit log could not be read: " + e.getMessage());
        }
    }

    private void recordCheck(Origin origin, AuditVerification verification) {
        Instant now = time.now();
        try {
            trail.record(() -> new AuditEvent(now, origin.tenant(), origin.actor(), origin.requestId(),
                    "audit.verified", "audit", JsonNodeFactory.instance.objectNode()
                            .put("ok", verification.ok())
                            .put("records", verification.records())));
        } catch (AuditLogException e) {
            LOG.warn("the audit check by {} could not be recorded: {}", origin.actor(), e.getMessage());
        }
    }
}
