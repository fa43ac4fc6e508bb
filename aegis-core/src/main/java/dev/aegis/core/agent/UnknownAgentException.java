package dev.aegis.core.agent;

import dev.aegis.api.AegisException;
import java.util.Collection;
import java.util.TreeSet;

/** No agent of that name is configured. */
public final class UnknownAgentException extends AegisException {

    public UnknownAgentException(String agent, Collection<String> known) {
        super("no agent named '" + agent + "' (configured agents: " + String.join(", ", new TreeSet<>(known)) + ")");
    }
}
