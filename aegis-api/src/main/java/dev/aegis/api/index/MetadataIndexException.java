package dev.aegis.api.index;

import dev.aegis.api.AegisException;

/** The index cannot be reached or failed; nothing was written, and trying again later may succeed. */
public final class MetadataIndexException extends AegisException {

    public MetadataIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
