/**
 * The Aegis node: {@link dev.aegis.server.AegisServer} wires configuration, the agent state store, metrics, the
 * engine and the HTTP server, and stops them gracefully.
 */
package dev.aegis.server;
