package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Impossible travel: swaps the subject's last login place and time for this one, and scores the speed needed
 * to cover the great-circle distance between them. 0 at or below the plausible speed, 1 at or above the
 * impossible speed, linear between; moves shorter than the minimum distance (geolocation noise) score 0.
 */
final class GeoAgent implements TenantEventAgent {

    /** Mean Earth radius, IUGG. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /** How fast is believable: the scoring thresholds, and the distance below which nobody travelled. */
    record Speeds(double plausibleKmh, double impossibleKmh, double minDistanceKm) {}

    private final String name;
    private final AgentStateStore state;
    private final TimeSource time;
    private final Speeds speeds;
    private final Duration remember;

    GeoAgent(String name, AgentStateStore state, TimeSource time, Speeds speeds, Duration remember) {
        this.name = name;
        this.state = state;
        this.time = time;
        this.speeds = speeds;
        this.remember = remember;
    }

    @Override
    public AgentOutcome judge(AgentInput input, String tenant) {
        String subject = EventFields.subject(input);
        Login login = new Login(
                EventFields.number(input.data(), "lat", -90, 90),
                EventFields.number(input.data(), "lon", -180, 180),
                EventFields.timestamp(input.data(), time).toEpochMilli());
        Optional<Login> previous = state.swap(tenant + ":geo:last:" + subject, login.encode(), remember)
                .flatMap(Login::decode);
        return previous.map(p -> travel(p, login))
                .orElseGet(() -> AgentOutcome.success(0, List.of(name + ": first login seen for subject")));
    }

    private AgentOutcome travel(Login from, Login to) {
        double km = distanceKm(from, to);
        Duration elapsed = Duration.ofMillis(Math.abs(to.epochMillis() - from.epochMillis()));
        if (km < speeds.minDistanceKm()) {
            return AgentOutcome.success(0, List.of(String.format(Locale.ROOT,
                    "%s: %.0f km from previous login, within %.0f km", name, km, speeds.minDistanceKm())));
        }
        double kmh = elapsed.isZero() ? Double.POSITIVE_INFINITY : km / (elapsed.toMillis() / MILLIS_PER_HOUR);
        return AgentOutcome.success(score(kmh), List.of(String.format(Locale.ROOT,
                "%s: %.0f km in %s since previous login, %.0f km/h (plausible %.0f, impossible %.0f)",
                name, km, DurationText.human(elapsed), kmh, speeds.plausibleKmh(), speeds.impossibleKmh())));
    }

    private double score(double kmh) {
        if (kmh <= speeds.plausibleKmh()) {
            return 0;
        }
        if (kmh >= speeds.impossibleKmh()) {
            return 1;
        }
        return (kmh - speeds.plausibleKmh()) / (speeds.impossibleKmh() - speeds.plausibleKmh());
    }

    /** Great-circle distance by the haversine formula. */
    static double distanceKm(Login from, Login to) {
        double lat1 = Math.toRadians(from.lat());
        double lat2 = Math.toRadians(to.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.lon() - from.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** A login's place and time, kept in the store as {@code lat,lon,epochMillis}. */
    record Login(double lat, double lon, long epochMillis) {

        String encode() {
            return lat + "," + lon + "," + epochMillis;
        }

        /** Empty for text this agent did not write, which then counts as no previous login. */
        static Optional<Login> decode(String text) {
            String[] parts = text.split(",");
            try {
                return parts.length == 3
                        ? Optional.of(new Login(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                                Long.parseLong(parts[2])))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
