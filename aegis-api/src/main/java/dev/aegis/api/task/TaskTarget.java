package dev.aegis.api.task;

import java.util.Objects;

/** What a task runs: one agent, or a whole pipeline (agents in parallel, then the policy). */
public record TaskTarget(Kind kind, String name) {

    public enum Kind { AGENT, PIPELINE }

    public TaskTarget {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task target needs a name");
        }
    }

    public static TaskTarget agent(String name) {
        return new TaskTarget(Kind.AGENT, name);
    }

    public static TaskTarget pipeline(String name) {
        return new TaskTarget(Kind.PIPELINE, name);
    }
}
