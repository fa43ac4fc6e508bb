package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.time.Duration;

/**
 * {@code geo}: impossible travel between a subject's logins. Settings: {@code plausible_kmh} (default 900),
 * {@code impossible_kmh} (2000), {@code min_distance_km} (100), {@code remember} (30d).
 */
public final class GeoAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "geo";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "plausible_kmh", "impossible_kmh", "min_distance_km", "remember");
        double plausible = settings.positiveNumber("plausible_kmh", 900);
        double impossible = settings.positiveNumber("impossible_kmh", 2000);
        if (impossible <= plausible) {
            throw settings.fail("impossible_kmh", "must be above plausible_kmh (" + plausible + "), was " + impossible);
        }
        return new GeoAgent(
                definition.name(),
                environment.state(),
                environment.time(),
                new GeoAgent.Speeds(plausible, impossible, settings.positiveNumber("min_distance_km", 100)),
                settings.positiveDuration("remember", Duration.ofDays(30)));
    }
}
