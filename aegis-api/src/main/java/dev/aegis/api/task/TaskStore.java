package dev.aegis.api.task;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The system of record for tasks: a port, kept in H2 by default and in PostgreSQL in a cluster. Every method
 * takes a batch where a batch makes sense, so that adapters can group commits. Each task is written atomically;
 * a write that returns normally is durable.
 *
 * @throws TaskStoreException from any method when the store cannot be reached or fails; nothing was written
 */
public interface TaskStore extends AutoCloseable {

    /**
     * Stores new tasks (at version 1) and answers, in the same order, the task stored for each: the one given,
     * or, when the tenant already has a task with the same idempotency key, that earlier task, unchanged.
     */
    List<Task> create(List<Task> tasks);

    /**
     * Writes each update whose task is stored at its expected version, and answers the ids of those that were
     * not written because the stored task has another version or is missing.
     */
    Set<String> update(List<TaskUpdate> updates);

    /** The tenant's task with this id; another tenant's task is not found. */
    Optional<Task> find(String tenant, String id);

    /** The tenant's tasks that match, newest first. */
    TaskPage list(String tenant, TaskQuery query);

    /**
     * Tasks of every tenant that are not terminal, in id order, after the id {@code after} when given: what a
     * queue replays when it starts.
     */
    List<Task> unfinished(Optional<String> after, int limit);

    /** Releases connections and files; the stored tasks stay. */
    @Override
    void close();
}
