package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a point on the monotonic clock, or less: it may return early (an unpark from a freed connection, a
 * spurious wake-up, an interrupt), and the caller then looks again.
 */
@FunctionalInterface
interface Pacer {

    void awaitNanos(long deadlineNanos);

    /** Parks the calling thread once, until the deadline at the latest. */
    static Pacer parking(TimeSource time) {
        return deadlineNanos -> {
            long left = deadlineNanos - time.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left);
            }
        };
    }
}
