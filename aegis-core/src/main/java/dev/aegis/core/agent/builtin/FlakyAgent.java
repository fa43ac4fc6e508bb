package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fails the first {@code fail_times} attempts of each request id, retryably, then succeeds with score 0. The
 * attempts are counted in the state store (a window of {@code remember} under {@code flaky:<requestId>}), so
 * they are counted across retries, and across nodes with a shared store.
 */
final class FlakyAgent implements Agent {

    private final String name;
    private final AgentStateStore state;
    private final TimeSource time;
    private final Duration remember;

    FlakyAgent(String name, AgentStateStore state, TimeSource time, Duration remember) {
        this.name = name;
        this.state = state;
        this.time = time;
        this.remember = remember;
    }

    @Override
    public AgentOutcome evaluate(AgentInput input, AgentContext context) {
        OptionalLong failTimes = failTimes(input.data());
        if (failTimes.isEmpty()) {
            return AgentOutcome.permanentFailure("input field 'fail_times' must be a whole number from 0");
        }
        String key = context.tenant() + ":flaky:" + context.requestId();
        int attempt = state.recordInWindow(key, time.now(), remember);
        if (attempt <= failTimes.getAsLong()) {
            return AgentOutcome.retryableFailure("planned failure " + attempt + " of " + failTimes.getAsLong());
        }
        return AgentOutcome.success(0, List.of(name + ": succeeded on attempt " + attempt));
    }

    private static OptionalLong failTimes(JsonNode data) {
        JsonNode value = data.get("fail_times");
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                ? OptionalLong.of(value.longValue())
                : OptionalLong.empty();
    }
}
