/** Contracts shared by the core, the adapters and the agents that plug into Aegis. */
package dev.aegis.api;
