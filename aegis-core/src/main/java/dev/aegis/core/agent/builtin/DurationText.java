package dev.aegis.core.agent.builtin;

import java.time.Duration;
import java.util.Locale;

/** Durations written for people, in reasons. */
final class DurationText {

    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_DAY = 86_400;

    private DurationText() {}

    /** The short form: {@code 30d}, {@code 2h}, {@code 60s} or {@code 250ms}, whichever is exact. */
    static String format(Duration duration) {
        if (duration.getNano() != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % SECONDS_PER_DAY == 0) {
            return seconds / SECONDS_PER_DAY + "d";
        }
        if (seconds != 0 && seconds % SECONDS_PER_HOUR == 0) {
            return seconds / SECONDS_PER_HOUR + "h";
        }
        return seconds + "s";
    }

    /** Roughly, for people: {@code 45s}, {@code 12 min} or {@code 3.5 h}. */
    static String human(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
