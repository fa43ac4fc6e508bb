package dev.aegis.core.task;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: {@code initial × multiplier^(failures - 1)}, at most {@code max}, of which the
 * {@code jitter} fraction is random ("equal jitter": with jitter 0.5 the wait is between half and all of it), so
 * that tasks that failed together do not retry together.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("initial must be positive and at most max, was " + initial + " and "
                    + max);
        }
        if (!(multiplier >= 1) || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1 and jitter from 0 to 1, was "
                    + multiplier + " and " + jitter);
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    Duration delay(int failures, RandomGenerator random) {
        double full = Math.min(max.toNanos(), initial.toNanos() * Math.pow(multiplier, Math.max(0, failures - 1)));
        double waited = full * (1 - jitter) + full * jitter * random.nextDouble();
        return Duration.ofNanos((long) waited);
    }
}
