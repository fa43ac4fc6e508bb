package dev.aegis.api.task;

import dev.aegis.api.AegisException;

/** A task changed under the caller: the stored version is not the one the change was made from. */
public final class StaleTaskException extends AegisException {

    public StaleTaskException(String taskId, long expectedVersion) {
        super("task " + taskId + " is no longer at version " + expectedVersion);
    }
}
