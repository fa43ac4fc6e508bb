/** The embedded task queue: priority order, delays and leases in the JVM, replayed from the task store on start. */
package dev.aegis.core.task.queue;
