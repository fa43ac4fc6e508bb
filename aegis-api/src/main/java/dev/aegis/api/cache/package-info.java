/**
 * The port for a cache in front of the system of record: string keys, string values, cache-aside. The embedded
 * adapter keeps entries in the JVM; the cluster adapter adds Redis under it and invalidates across nodes.
 */
package dev.aegis.api.cache;
