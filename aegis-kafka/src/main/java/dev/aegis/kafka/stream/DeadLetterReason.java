package dev.aegis.kafka.stream;

/** Why a record went to the dead-letter topic: the value of its {@code aegis-dead-reason} header. */
enum DeadLetterReason {
    /** The value is not an event: not JSON, a field missing or wrong, or the key is not the subject. */
    INVALID_EVENT("invalid-event"),
    /** The event names a pipeline this node does not have. */
    UNKNOWN_PIPELINE("unknown-pipeline"),
    /** Evaluating it failed in a way no retry can mend (a bug, logged with its stack trace). */
    EVALUATION_FAILED("evaluation-failed");

    private final String header;

    DeadLetterReason(String header) {
        this.header = header;
    }

    String header() {
        return header;
    }
}
