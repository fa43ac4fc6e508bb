package dev.aegis.testkit.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audit events for tests: each a second after the one before from a fixed start (or at a given time), tenant
 * {@code t1}, a request id, and a small details object that names the event's number.
 */
public final class AuditEventFixtures {

    /** The time of the first event. */
    public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private long next;

    /** The next event, a second after the one before. */
    public AuditEvent next() {
        return at(START.plusSeconds(next));
    }

    /** The next event, at the given time. */
    public AuditEvent at(Instant time) {
        long n = ++next;
        return new AuditEvent(time, "t1", "key/fixture", Optional.of("req-" + n), "decision", "evaluation/e-" + n,
                details(n));
    }

    /** The next event, caused by no request. */
    public AuditEvent withoutRequest() {
        Instant time = START.plusSeconds(next);
        long n = ++next;
        return new AuditEvent(time, "t1", "aegis/fixture", Optional.empty(), "config.loaded",
                "config/c-" + n, details(n));
    }

    /** The next {@code count} events. */
    public List<AuditEvent> batch(int count) {
        List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    private static ObjectNode details(long n) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("n", n);
        details.put("verdict", n % 2 == 0 ? "allow" : "deny");
        return details;
    }
}
