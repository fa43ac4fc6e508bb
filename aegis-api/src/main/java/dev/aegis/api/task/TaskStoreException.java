package dev.aegis.api.task;

import dev.aegis.api.AegisException;

/** The task store cannot be reached or failed; nothing was written, and trying again later may succeed. */
public final class TaskStoreException extends AegisException {

    public TaskStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
