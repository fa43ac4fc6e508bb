package dev.aegis.core.config;

import java.util.Objects;

/** A piece of configuration text (a CEL expression) with where it was written, for error messages. */
public record SourceText(String text, String file, int line) {

    /**
     * The {@link com.fasterxml.jackson.databind.DeserializationContext} attribute that names the file being read;
     * set it with {@code ObjectReader.withAttribute(SourceText.FILE_ATTRIBUTE, "aegis.yaml")}.
     */
    public static final String FILE_ATTRIBUTE = "dev.aegis.config.file";

    /** The file name used when the reader did not set {@link #FILE_ATTRIBUTE}. */
    public static final String UNKNOWN_FILE = "<config>";

    public SourceText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
    }

    /** Text written in code rather than read from a file. */
    public static SourceText of(String text) {
        return new SourceText(text, "<code>", 1);
    }

    /** {@code file:line}, as error messages print it. */
    public String where() {
        return file + ":" + line;
    }
}
