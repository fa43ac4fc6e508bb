package dev.aegis.api.task;

import java.util.Locale;
import java.util.Optional;

/** How urgent a task is, most urgent first: under backlog a task waits behind no task of a lower priority. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    /** The lower-case name used in the HTTP API, configuration and metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority with this label, in any case. */
    public static Optional<Priority> parse(String label) {
        for (Priority priority : values()) {
            if (priority.name().equalsIgnoreCase(label)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
