package dev.aegis.core.autoscale;

/** The band around a metric/target ratio of 1.0 inside which a metric recommends no change. */
record Tolerances(double scaleUp, double scaleDown) {

    /** Kubernetes' test, bounds included: {@code 1 - scaleDown <= ratio <= 1 + scaleUp}. */
    boolean isWithin(double ratio) {
        return 1.0 - scaleDown <= ratio && ratio <= 1.0 + scaleUp;
    }
}
