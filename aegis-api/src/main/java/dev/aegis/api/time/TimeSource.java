package dev.aegis.api.time;

import java.time.Instant;

/**
 * Where Aegis reads the time: wall time for timestamps, a monotonic tick for deadlines and latencies.
 * Injected everywhere so that tests run on a manual clock.
 */
public interface TimeSource {

    /** Wall-clock time. */
    Instant now();

    /** Monotonic nanoseconds, only meaningful as a difference. */
    long nanoTime();

    /** The system clock. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
