package dev.aegis.core.autoscale;

import dev.aegis.core.config.ConfigException;
import java.time.Duration;

/** The fail-fast checks of the autoscaler's configuration records; each message names the key at fault. */
final class Checks {

    private Checks() {}

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("autoscaler " + message);
        }
    }

    static void requireTolerance(double tolerance, String key) {
        require(Double.isFinite(tolerance) && tolerance >= 0, key + " must be a number >= 0, was " + tolerance);
    }

    static void requireWithin(Duration value, Duration lowest, Duration highest, String key) {
        require(value.compareTo(lowest) >= 0 && value.compareTo(highest) <= 0,
                key + " must be within " + lowest + ".." + highest + ", was " + value);
    }
}
