package dev.aegis.server.loadtest;

/**
 * What became of the measured requests. {@code completed} counts every HTTP response, {@code ok} the 2xx ones and
 * {@code non2xx} the others; {@code timeouts}, {@code ioErrors} and {@code dropped} never got a response.
 */
public record RequestCounts(long sent, long completed, long ok, long non2xx, long timeouts, long ioErrors,
        long dropped) {

    /** Every request that did not end in a 2xx response. */
    public long errors() {
        return non2xx + timeouts + ioErrors + dropped;
    }

    /** Requests that ended, one way or another: sent ones that came back or timed out or failed, and dropped ones. */
    public long ended() {
        return completed + timeouts + ioErrors + dropped;
    }

    /** Errors over ended requests, as a fraction; 0 when nothing ended. */
    public double errorRate() {
        long ended = ended();
        return ended == 0 ? 0 : (double) errors() / ended;
    }
}
