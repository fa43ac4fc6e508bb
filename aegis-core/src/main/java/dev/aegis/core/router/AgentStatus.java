package dev.aegis.core.router;

/** How one agent's call in an evaluation ended. */
public enum AgentStatus {
    OK,
    TIMEOUT,
    ERROR,
    REJECTED,
    CIRCUIT_OPEN
}
