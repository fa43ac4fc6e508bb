package dev.aegis.api;

/** The one unchecked root of every exception Aegis throws on purpose. */
public class AegisException extends RuntimeException {

    public AegisException(String message) {
        super(message);
    }

    public AegisException(String message, Throwable cause) {
        super(message, cause);
    }
}
