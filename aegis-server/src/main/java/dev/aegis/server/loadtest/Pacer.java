package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.util.concurrent.locks.LockSupport;

/** Waits until a point on the monotonic clock; returns early, with the interrupt flag set, when interrupted. */
@FunctionalInterface
interface Pacer {

    void awaitNanos(long deadlineNanos);

    /** Parks the calling thread until the deadline, recomputing the time left against it after each wake-up. */
    static Pacer parking(TimeSource time) {
        return deadlineNanos -> {
            long left;
            while ((left = deadlineNanos - time.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(left);
            }
        };
    }
}
