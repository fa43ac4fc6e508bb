/** The embedded adapter of the agent state port: Caffeine in the JVM, with per-key time to live. */
package dev.aegis.core.state;
