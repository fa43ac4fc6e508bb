package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one evaluation, as CEL asks for them by name. The event becomes CEL values only if an
 * expression reads it, and then once.
 */
final class PolicyVariables implements CelVariableResolver {

    static final String AGENTS = "agents";
    static final String SCORE = "score";
    static final String SUBJECT = "subject";
    static final String EVENT = "event";

    private final Map<String, Object> agents;
    private final String subject;
    private final JsonNode event;
    private Optional<Object> score = Optional.empty();
    private Object eventValue;

    PolicyVariables(Map<String, Object> agents, String subject, JsonNode event) {
        this.agents = agents;
        this.subject = subject;
        this.event = event;
    }

    void score(double value) {
        score = Optional.of(value);
    }

    @Override
    public Optional<Object> find(String name) {
        return switch (name) {
            case AGENTS -> Optional.of(agents);
            case SCORE -> score;
            case SUBJECT -> Optional.of(subject);
            case EVENT -> event();
            default -> Optional.empty();
        };
    }

    private Optional<Object> event() {
        if (eventValue == null) {
            eventValue = CelValues.of(event);
        }
        return Optional.of(eventValue);
    }
}
