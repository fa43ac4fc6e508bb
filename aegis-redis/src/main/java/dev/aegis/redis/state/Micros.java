package dev.aegis.redis.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as microseconds in a {@code long}, saturating at &plusmn;2<sup>53</sup> (about 285 years from 1970) so
 * that every value is exact as a Redis score or a Lua number, both doubles.
 */
final class Micros {

    static final long MAX = 1L << 53;
    static final long MIN = -MAX;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Micros() {}

    static long sinceEpoch(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= MAX / MICROS_PER_SECOND) {
            return MAX;
        }
        if (seconds <= MIN / MICROS_PER_SECOND) {
            return MIN;
        }
        return clamp(seconds * MICROS_PER_SECOND + instant.getNano() / 1_000);
    }

    /** A positive duration, rounded up to whole microseconds. */
    static long of(Duration duration) {
        if (duration.getSeconds() >= MAX / MICROS_PER_SECOND) {
            return MAX;
        }
        return clamp(duration.getSeconds() * MICROS_PER_SECOND + (duration.getNano() + 999) / 1_000);
    }

    static long plus(long value, long amount) {
        return clamp(value + amount);
    }

    static long minus(long value, long amount) {
        return clamp(value - amount);
    }

    private static long clamp(long micros) {
        return Math.max(MIN, Math.min(MAX, micros));
    }
}
