/** The port for agent state that outlives one call. */
package dev.aegis.api.state;
