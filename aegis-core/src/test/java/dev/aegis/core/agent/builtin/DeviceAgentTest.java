package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceAgentTest {

    private final AgentFixture fixture = new AgentFixture();
    private final Agent device = fixture.agent(new DeviceAgentProvider(), "{}");

    private AgentOutcome.Success login(Agent agent, String subject, String deviceId) throws Exception {
        return success(fixture.call(agent, subject, "{'device_id': '" + deviceId + "'}"));
    }

    @Test
    void scoresANewDeviceAndNotAKnownOne() throws Exception {
        AgentOutcome.Success first = login(device, "alice", "phone-1");
        AgentOutcome.Success again = login(device, "alice", "phone-1");

        assertThat(first.score()).isEqualTo(0.6);
        assertThat(first.reasons()).containsExactly("device: new device 'phone-1' for subject");
        assertThat(again.score()).isZero();
        assertThat(again.reasons()).containsExactly("device: known device for subject");
    }

    @Test
    void keepsEachSubjectsDevicesApart() throws Exception {
        login(device, "alice", "phone-1");

        assertThat(login(device, "bob", "phone-1").score()).isEqualTo(0.6);
        assertThat(login(device, "alice", "laptop-7").score()).isEqualTo(0.6);
        assertThat(login(device, "alice", "phone-1").score()).isZero();
    }

    @Test
    void forgetsDevicesNotSeenForTheRememberTime() throws Exception {
        Agent shortMemory = fixture.agent(new DeviceAgentProvider(), "device",
                "{'remember': '7d', 'new_device_score': 0.9}");
        login(shortMemory, "alice", "phone-1");
        fixture.clock.advance(Duration.ofDays(6));
        assertThat(login(shortMemory, "alice", "phone-1").score()).isZero();

        fixture.clock.advance(Duration.ofDays(8));
        assertThat(login(shortMemory, "alice", "phone-1").score()).isEqualTo(0.9);
    }

    @Test
    void takesANumericDeviceIdAsText() throws Exception {
        fixture.call(device, "alice", "{'device_id': 42}");

        assertThat(login(device, "alice", "42").score()).isZero();
    }

    @Test
    void failsPermanentlyWithoutADeviceIdOrSubject() throws Exception {
        assertThat(failure(fixture.call(device, "alice", "{}")))
                .isEqualTo(AgentOutcome.permanentFailure("event field 'device_id' is missing"));
        assertThat(failure(fixture.call(device, "alice", "{'device_id': ''}")).reason())
                .startsWith("event field 'device_id' must be a string of 1 to 512 characters");
        assertThat(failure(fixture.call(device, "{'device_id': 'phone-1'}")).reason())
                .isEqualTo("the call has no subject");
    }

    @Test
    void refusesAScoreOutsideZeroToOne() {
        assertThatThrownBy(() -> fixture.agent(new DeviceAgentProvider(), "d", "{'new_device_score': 1.5}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'd': new_device_score must be a score in [0, 1], was 1.5");
    }
}
