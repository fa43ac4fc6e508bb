/**
 * The agents that ship with Aegis, one {@link dev.aegis.api.agent.AgentProvider} per type: the login-risk
 * agents ({@code velocity}, {@code geo}, {@code device}, {@code ip-reputation}, {@code model}), the remote
 * {@code http} agent and the diagnostic agents ({@code echo}, {@code sleep}, {@code flaky}). Providers are
 * public and registered for {@link java.util.ServiceLoader}; the agents themselves are package-private.
 */
package dev.aegis.core.agent.builtin;
