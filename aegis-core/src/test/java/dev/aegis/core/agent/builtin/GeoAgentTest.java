package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeoAgentTest {

    private static final String PARIS = "{'lat': 48.8566, 'lon': 2.3522}";
    private static final String NEW_YORK = "{'lat': 40.7128, 'lon': -74.0060}";
    private static final String REIMS = "{'lat': 49.2583, 'lon': 4.0317}";

    private final AgentFixture fixture = new AgentFixture();
    private final Agent geo = fixture.agent(new GeoAgentProvider(), "{}");

    private AgentOutcome.Success login(Agent agent, String place) throws Exception {
        return success(fixture.call(agent, "alice", place));
    }

    @Test
    void measuresGreatCircleDistances() {
        GeoAgent.Login paris = new GeoAgent.Login(48.8566, 2.3522, 0);
        GeoAgent.Login newYork = new GeoAgent.Login(40.7128, -74.0060, 0);

        assertThat(GeoAgent.distanceKm(paris, newYork)).isCloseTo(5837, within(5.0));
        assertThat(GeoAgent.distanceKm(paris, paris)).isZero();
    }

    @Test
    void scoresTheFirstLoginZero() throws Exception {
        AgentOutcome.Success outcome = login(geo, PARIS);

        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).containsExactly("geo: first login seen for subject");
    }

    @Test
    void scoresParisThenNewYorkOneHourLaterAsImpossible() throws Exception {
        login(geo, PARIS);
        fixture.clock.advance(Duration.ofHours(1));
        AgentOutcome.Success outcome = login(geo, NEW_YORK);

        assertThat(outcome.score()).isEqualTo(1.0);
        assertThat(outcome.reasons()).singleElement().asString()
                .matches("geo: 58\\d\\d km in 60 min since previous login, 58\\d\\d km/h "
                        + "\\(plausible 900, impossible 2000\\)");
    }

    @Test
    void scoresAHundredKilometresInTwoHoursZero() throws Exception {
        Agent nearby = fixture.agent(new GeoAgentProvider(), "geo", "{'min_distance_km': 10}");
        login(nearby, "{'lat': 48.0, 'lon': 2.0}");
        fixture.clock.advance(Duration.ofHours(2));
        AgentOutcome.Success outcome = login(nearby, "{'lat': 48.8993, 'lon': 2.0}");

        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).singleElement().asString().startsWith("geo: 100 km in 2.0 h");
    }

    @Test
    void scoresLinearlyBetweenPlausibleAndImpossible() throws Exception {
        double km = GeoAgent.distanceKm(new GeoAgent.Login(48.8566, 2.3522, 0),
                new GeoAgent.Login(40.7128, -74.0060, 0));
        login(geo, PARIS);
        fixture.clock.advance(Duration.ofMillis(Math.round(km / 1450 * 3_600_000)));

        assertThat(login(geo, NEW_YORK).score()).isCloseTo(0.5, within(0.001));
    }

    @Test
    void scoresATrainJourneyZero() throws Exception {
        login(geo, PARIS);
        fixture.clock.advance(Duration.ofMinutes(45));

        assertThat(login(geo, REIMS).score()).isZero();
    }

    @Test
    void treatsMovesWithinTheMinimumDistanceAsGeolocationNoise() throws Exception {
        login(geo, PARIS);
        fixture.clock.advance(Duration.ofSeconds(10));
        AgentOutcome.Success outcome = login(geo, "{'lat': 48.95, 'lon': 2.45}");

        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).containsExactly("geo: 13 km from previous login, within 100 km");
    }

    @Test
    void scoresTwoFarApartLoginsAtTheSameInstantAsImpossible() throws Exception {
        fixture.call(geo, "alice", "{'lat': 48.8566, 'lon': 2.3522, 'timestamp': '2026-05-01T10:00:00Z'}");

        assertThat(success(fixture.call(geo, "alice",
                "{'lat': 40.7128, 'lon': -74.0060, 'timestamp': '2026-05-01T12:00:00+02:00'}")).score())
                .isEqualTo(1.0);
    }

    @Test
    void forgetsThePreviousLoginAfterItsRememberTime() throws Exception {
        Agent forgetful = fixture.agent(new GeoAgentProvider(), "geo", "{'remember': '1h'}");
        login(forgetful, PARIS);
        fixture.clock.advance(Duration.ofMinutes(61));

        assertThat(login(forgetful, NEW_YORK).reasons()).containsExactly("geo: first login seen for subject");
    }

    @Test
    void failsPermanentlyOnMissingOrBadCoordinates() throws Exception {
        assertThat(failure(fixture.call(geo, "alice", "{'lon': 2.35}")).reason())
                .isEqualTo("event field 'lat' is missing");
        assertThat(failure(fixture.call(geo, "alice", "{'lat': 91, 'lon': 2.35}")).reason())
                .isEqualTo("event field 'lat' must be a number from -90.0 to 90.0, was 91");
        assertThat(failure(fixture.call(geo, "alice", "{'lat': 48.8, 'lon': 'east'}")).retryable()).isFalse();
    }

    @Test
    void refusesAnImpossibleSpeedNotAboveThePlausibleOne() {
        assertThatThrownBy(() -> fixture.agent(new GeoAgentProvider(), "g",
                        "{'plausible_kmh': 1000, 'impossible_kmh': 800}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'g': impossible_kmh must be above plausible_kmh (1000.0), was 800.0");
    }
}
