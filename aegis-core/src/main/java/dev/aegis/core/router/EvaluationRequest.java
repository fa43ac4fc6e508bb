package dev.aegis.core.router;

import com.fasterxml.jackson.databind.JsonNode;

/** An evaluate call: who asks, the request id, the subject and the event (a JSON object). */
public record EvaluationRequest(String tenant, String requestId, String subject, JsonNode event) {}
