package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.agent.AgentOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A remote agent's answer, {@code {"score": 0..1, "reasons": ["..."], "payload": {...}}}; reasons and payload
 * may be left out. Reasons are prefixed with the agent's name, like the built-in agents' reasons.
 */
final class RemoteAnswer {

    private RemoteAnswer() {}

    /** The answer as a success; empty when the body is not such an answer. */
    static Optional<AgentOutcome.Success> parse(String name, byte[] body, ObjectMapper json) {
        JsonNode root = tree(body, json);
        if (!root.isObject()) {
            return Optional.empty();
        }
        Optional<Double> score = score(root.get("score"));
        Optional<List<String>> reasons = reasons(name, root.get("reasons"));
        if (score.isEmpty() || reasons.isEmpty()) {
            return Optional.empty();
        }
        JsonNode payload = root.get("payload");
        return Optional.of(payload == null || payload.isNull()
                ? AgentOutcome.success(score.get(), reasons.get())
                : AgentOutcome.success(score.get(), reasons.get(), payload));
    }

    private static JsonNode tree(byte[] body, ObjectMapper json) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    private static Optional<Double> score(JsonNode score) {
        return score != null && score.isNumber() && score.doubleValue() >= 0 && score.doubleValue() <= 1
                ? Optional.of(score.doubleValue())
                : Optional.empty();
    }

    private static Optional<List<String>> reasons(String name, JsonNode reasons) {
        if (reasons == null || reasons.isNull()) {
            return Optional.of(List.of());
        }
        if (!reasons.isArray()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>(reasons.size());
        for (JsonNode reason : reasons) {
            if (!reason.isTextual()) {
                return Optional.empty();
            }
            texts.add(name + ": " + reason.asText());
        }
        return Optional.of(texts);
    }
}
