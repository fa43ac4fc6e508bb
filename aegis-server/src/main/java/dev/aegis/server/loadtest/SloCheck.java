package dev.aegis.server.loadtest;

/**
 * One row of the verdict: a measured value against a target. Latencies are in milliseconds, error rates in
 * percent, throughputs in requests a second. {@code measured} is NaN when nothing was measured (no response),
 * and such a row fails. Throughput rows pass within 0.1 % of their threshold (see {@link LoadTestReport}).
 */
public record SloCheck(String source, String name, double measured, String unit, Bound bound, double threshold,
        boolean pass) {

    /** The seed 003 targets. */
    public static final String SEED = "seed 003";
    /** Aegis's own targets. */
    public static final String AEGIS = "aegis";

    /** How the measured value must relate to the threshold. */
    public enum Bound {
        BELOW("<"),
        AT_LEAST(">=");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double measured, double threshold, double tolerance) {
            return this == BELOW ? measured < threshold * (1 + tolerance) : measured >= threshold * (1 - tolerance);
        }
    }

    static SloCheck of(String source, String name, double measured, String unit, Bound bound, double threshold) {
        return of(source, name, measured, unit, bound, threshold, 0);
    }

    /** A check that also passes within {@code tolerance} (a fraction) of the threshold, the measurement's precision. */
    static SloCheck of(String source, String name, double measured, String unit, Bound bound, double threshold,
            double tolerance) {
        boolean pass = !Double.isNaN(measured) && bound.holds(measured, threshold, tolerance);
        return new SloCheck(source, name, measured, unit, bound, threshold, pass);
    }
}
