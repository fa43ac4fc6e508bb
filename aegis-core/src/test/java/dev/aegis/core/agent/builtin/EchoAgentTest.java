package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class EchoAgentTest {

    private final AgentFixture fixture = new AgentFixture();

    @Test
    void returnsItsInputAsThePayloadWithScoreZero() throws Exception {
        Agent echo = fixture.agent(new EchoAgentProvider(), "{}");

        AgentOutcome.Success outcome = success(fixture.call(echo, "{'hello': ['world', 1]}"));

        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).isEmpty();
        assertThat(outcome.payload()).contains(json("{'hello': ['world', 1]}"));
    }

    @Test
    void takesNoSettings() {
        assertThatThrownBy(() -> fixture.agent(new EchoAgentProvider(), "e", "{'loud': true}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'e': loud is not a setting: this agent type takes no settings");
    }
}
