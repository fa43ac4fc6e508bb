package dev.aegis.core.router;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An evaluate call: the tenant, who asks ({@code key/<fingerprint>}, or {@code aegis/<part>} for the node's own
 * calls), the request id, the subject and the event (a JSON object).
 */
public record EvaluationRequest(String tenant, String actor, String requestId, String subject, JsonNode event) {}
