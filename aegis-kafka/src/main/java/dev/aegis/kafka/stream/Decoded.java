package dev.aegis.kafka.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.router.EvaluationRequest;

/** What a record of the events topic holds: an event to evaluate, or the reason it goes to the dead-letter topic. */
sealed interface Decoded {

    /**
     * An event: its id (unique per tenant and pipeline), the pipeline to evaluate it with, and the evaluate body's
     * subject and event.
     */
    record StreamEvent(String id, String pipeline, String subject, JsonNode event) implements Decoded {

        /** The evaluate call for {@code tenant}: the event id is its request id. */
        EvaluationRequest request(String tenant, String actor) {
            return new EvaluationRequest(tenant, actor, id, subject, event);
        }
    }

    /** Why a record cannot be evaluated. */
    record Rejection(DeadLetterReason reason, String detail) implements Decoded {}
}
