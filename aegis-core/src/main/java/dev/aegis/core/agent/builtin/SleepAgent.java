package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sleeps as long as the input's {@code ms} asks, at most {@code max_ms}; an interrupt ends the sleep at once. */
final class SleepAgent implements Agent {

    /** How the agent waits: {@link Thread#sleep(Duration)}, or a recording stand-in in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String name;
    private final long maxMillis;
    private final Sleeper sleeper;

    SleepAgent(String name, long maxMillis, Sleeper sleeper) {
        this.name = name;
        this.maxMillis = maxMillis;
        this.sleeper = sleeper;
    }

    @Override
    public AgentOutcome evaluate(AgentInput input, AgentContext context) throws InterruptedException {
        Optional<Long> asked = millis(input.data());
        if (asked.isEmpty()) {
            return AgentOutcome.permanentFailure("input field 'ms' must be a whole number of milliseconds from 0");
        }
        long millis = Math.min(asked.get(), maxMillis);
        sleeper.sleep(Duration.ofMillis(millis));
        String capped = millis < asked.get() ? " (asked " + asked.get() + ", capped at max_ms)" : "";
        return AgentOutcome.success(0, List.of(name + ": slept " + millis + " ms" + capped));
    }

    private static Optional<Long> millis(JsonNode data) {
        JsonNode ms = data.get("ms");
        return ms != null && ms.isIntegralNumber() && ms.canConvertToLong() && ms.longValue() >= 0
                ? Optional.of(ms.longValue())
                : Optional.empty();
    }
}
