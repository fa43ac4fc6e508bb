package dev.aegis.core.router;

import dev.aegis.api.AegisException;

/** No pipeline of that name is configured. */
public final class UnknownPipelineException extends AegisException {

    public UnknownPipelineException(String pipeline) {
        super("no pipeline named '" + pipeline + "'");
    }
}
