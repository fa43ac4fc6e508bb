/** A task store in the JVM's memory, for tests and throwaway nodes: the real semantics, no durability. */
package dev.aegis.core.task.store;
