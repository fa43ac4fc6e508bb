package dev.aegis.core.state;

import java.time.Duration;
import java.time.Instant;

/** Time as nanoseconds in a {@code long}, saturating instead of overflowing far from 1970. */
final class Nanos {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Nanos() {}

    static long sinceEpoch(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / NANOS_PER_SECOND) {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND + instant.getNano();
    }

    static long of(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long minus(long value, long amount) {
        long result = value - amount;
        boolean overflowed = ((value ^ amount) & (value ^ result)) < 0;
        return overflowed ? Long.MIN_VALUE : result;
    }
}
