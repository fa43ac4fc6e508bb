/** The embedded adapter of the cache port: Caffeine in the JVM, entries expiring a fixed time after their put. */
package dev.aegis.core.cache;
