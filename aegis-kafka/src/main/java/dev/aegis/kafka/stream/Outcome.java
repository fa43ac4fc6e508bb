package dev.aegis.kafka.stream;

/** What became of a record: the {@code outcome} tag of {@code aegis.stream.events}. */
enum Outcome {
    /** Its decision was acknowledged on the decisions topic. */
    EVALUATED("evaluated"),
    /** It was acknowledged on the dead-letter topic. */
    DEAD_LETTERED("dead_lettered"),
    /** An outage stopped its partition at it: nothing from it on was committed, and it will be read again. */
    RETRIED("retried");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
