package dev.aegis.server.loadtest;

import org.HdrHistogram.Histogram;

/**
 * The one-line progress shown once a second:
 * {@code [########............]  12s/35s  measuring  sent 120,000  done 119,998  rate 10,001/s  p99 3.41 ms  errors 0}.
 * The rate is of requests ended in the last second; p99 is over the current phase so far; warm-up tickets skipped
 * because the client was behind are shown apart, they are not errors.
 */
record ProgressLine(long elapsedNanos, long totalNanos, boolean warmup, long sent, long done, double ratePerSecond,
        Histogram phaseSoFar, long errors, long warmupSkipped) {

    private static final int BAR = 20;

    String render() {
        double fraction = totalNanos <= 0 ? 1 : Math.min(1, Math.max(0, (double) elapsedNanos / totalNanos));
        int filled = (int) Math.round(fraction * BAR);
        String p99 = phaseSoFar.getTotalCount() == 0 ? "-" : Format.micros(phaseSoFar.getValueAtPercentile(99));
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]  "
                + Format.seconds(elapsedNanos) + "/" + Format.seconds(totalNanos)
                + (warmup ? "  warm-up  " : "  measuring")
                + "  sent " + Format.count(sent)
                + "  done " + Format.count(done)
                + "  rate " + Format.rate(ratePerSecond)
                + "  p99 " + p99
                + "  errors " + Format.count(errors)
                + (warmupSkipped > 0 ? "  warm-up skipped " + Format.count(warmupSkipped) : "");
    }
}
