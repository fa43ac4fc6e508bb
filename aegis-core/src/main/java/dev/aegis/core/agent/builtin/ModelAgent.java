package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Scores the event with a {@link LogisticModel}. Reasons are the two largest positive contributions to the
 * log-odds ({@code model: failed_attempts +1.84}); the payload holds the model's name and version, the
 * log-odds and every feature's contribution.
 */
final class ModelAgent implements Agent {

    private static final int REASONS = 2;

    private final String name;
    private final LogisticModel model;

    ModelAgent(String name, LogisticModel model) {
        this.name = name;
        this.model = model;
    }

    @Override
    public AgentOutcome evaluate(AgentInput input, AgentContext context) {
        try {
            LogisticModel.Scoring scoring = model.score(input.data());
            return AgentOutcome.success(scoring.probability(), reasons(scoring), payload(scoring));
        } catch (BadInput e) {
            return e.outcome();
        }
    }

    private List<String> reasons(LogisticModel.Scoring scoring) {
        double[] parts = scoring.contributions();
        List<String> reasons = IntStream.range(0, parts.length)
                .filter(i -> parts[i] > 0)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> parts[i]).reversed())
                .limit(REASONS)
                .map(i -> String.format(Locale.ROOT, "%s: %s %+.2f", name, model.features().get(i).name(), parts[i]))
                .toList();
        return reasons.isEmpty() ? List.of(name + ": no feature raised the risk") : reasons;
    }

    private ObjectNode payload(LogisticModel.Scoring scoring) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("model", model.name())
                .put("version", model.version())
                .put("logit", scoring.logit());
        ObjectNode contributions = payload.putObject("contributions");
        for (int i = 0; i < scoring.contributions().length; i++) {
            contributions.put(model.features().get(i).name(), scoring.contributions()[i]);
        }
        return payload;
    }
}
