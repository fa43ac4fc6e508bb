package dev.aegis.server.loadtest;

import java.util.Locale;

/** How numbers read in the progress line and the report. */
final class Format {

    private static final double MICROS_PER_MILLI = 1_000d;
    private static final double MICROS_PER_SECOND = 1_000_000d;

    private Format() {}

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** Microseconds as milliseconds with three significant digits, or seconds past 10 s. */
    static String micros(long micros) {
        double millis = micros / MICROS_PER_MILLI;
        if (millis >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", micros / MICROS_PER_SECOND);
        }
        String pattern = millis >= 100 ? "%.0f ms" : millis >= 10 ? "%.1f ms" : "%.2f ms";
        return String.format(Locale.ROOT, pattern, millis);
    }

    static String millis(double millis) {
        return Double.isNaN(millis) ? "n/a" : micros(Math.round(millis * MICROS_PER_MILLI));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.4f %%", fraction * 100);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%ds", Math.round(nanos / 1e9));
    }
}
