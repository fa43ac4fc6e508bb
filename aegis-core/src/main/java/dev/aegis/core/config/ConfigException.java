package dev.aegis.core.config;

import dev.aegis.api.AegisException;

/** The configuration cannot run: the message names the file, line or key, and the reason. */
public final class ConfigException extends AegisException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
