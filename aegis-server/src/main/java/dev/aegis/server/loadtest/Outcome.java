package dev.aegis.server.loadtest;

/** What became of one request. */
sealed interface Outcome {

    /** An HTTP response arrived with this status. */
    record Response(int status) implements Outcome {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** No response within the request timeout. */
    record TimedOut() implements Outcome {}

    /** The connection failed: refused, reset, closed early. */
    record Failed(String reason) implements Outcome {}

    /** Never sent: it waited for a free connection past the request timeout, because the client fell behind. */
    record Dropped() implements Outcome {}

    Outcome TIMED_OUT = new TimedOut();
    Outcome DROPPED = new Dropped();
}
