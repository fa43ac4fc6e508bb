/**
 * Durable tasks: the {@link dev.aegis.api.task.Task} record with its lifecycle, and the two ports that keep and
 * dispatch tasks, {@link dev.aegis.api.task.TaskStore} (the system of record) and
 * {@link dev.aegis.api.task.TaskQueue} (who runs what next).
 */
package dev.aegis.api.task;
