package dev.aegis.server.loadtest;

/**
 * One row of the verdict: a measured value against a target. Latencies are in milliseconds, error rates in
 * percent, throughputs in requests a second. {@code measured} is NaN when nothing was measured (no response),
 * and such a row fails.
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

        boolean holds(double measured, double threshold) {
            return this == BELOW ? measured < threshold : measured >= threshold;
        }
    }

    static SloCheck of(String source, String name, double measured, String unit, Bound bound, double threshold) {
        boolean pass = !Double.isNaN(measured) && bound.holds(measured, threshold);
        return new SloCheck(source, name, measured, unit, bound, threshold, pass);
    }
}
