package dev.aegis.core.task;

import dev.aegis.api.AegisException;

/** A task request that cannot be accepted; {@code field} names the request field at fault. */
public final class InvalidTaskException extends AegisException {

    private final String field;

    public InvalidTaskException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
