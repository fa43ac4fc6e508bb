package dev.aegis.core.config;

/** A piece of configuration text (a CEL expression) with where it was written, for error messages. */
public record SourceText(String text, String file, int line) {

    /** {@code file:line}, as error messages print it. */
    public String where() {
        return file + ":" + line;
    }
}
