package dev.aegis.core.task;

import dev.aegis.api.task.Task;

/** The answer to a submit: the task, and whether it is new (false: an earlier task had the idempotency key). */
public record Submission(Task task, boolean created) {}
