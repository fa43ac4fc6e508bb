/** The contract suite that every {@link dev.aegis.api.state.AgentStateStore} adapter must pass. */
package dev.aegis.testkit.state;
