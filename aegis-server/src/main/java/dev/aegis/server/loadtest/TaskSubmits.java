package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import dev.aegis.api.task.Priority;
import java.util.List;
import java.util.Optional;

/**
 * Task mode: each request submits a task for {@code agent} with {@code POST /v1/tasks}, at {@code priority} or, when
 * it is empty, at each priority in turn (critical, high, normal, low).
 */
public record TaskSubmits(String agent, Optional<Priority> priority) {

    public TaskSubmits {
        if (!LoadTestPlan.NAME.matcher(agent).matches()) {
            throw new AegisException("agent name '" + agent + "' is not a valid name");
        }
    }

    /** Task mode for {@code agent}, at the priority labelled {@code label} or at each in turn. */
    public static TaskSubmits of(String agent, Optional<String> label) {
        return new TaskSubmits(agent, label.map(TaskSubmits::priority));
    }

    /** The priorities the requests take in turn. */
    List<Priority> priorities() {
        return priority.map(List::of).orElseGet(() -> List.of(Priority.values()));
    }

    /** The priority's label, or {@code in turn}. */
    String priorityLabel() {
        return priority.map(Priority::label).orElse("in turn");
    }

    private static Priority priority(String label) {
        return Priority.parse(label.strip()).orElseThrow(() -> new AegisException(
                "priority must be one of critical, high, normal, low, got '" + label + "'"));
    }
}
