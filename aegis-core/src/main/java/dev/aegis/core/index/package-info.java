/**
 * A metadata index in the JVM's memory, for tests and throwaway nodes: the real semantics (day partitions,
 * expiry by whole days, duplicates ignored), no durability.
 */
package dev.aegis.core.index;
