package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.state.AgentStateStore;
import java.time.Duration;
import java.util.List;

/**
 * Adds the event's {@code device_id} to the subject's set of known devices; a device new to the set scores
 * {@code new_device_score}, a known one 0. The set is kept for {@code remember} after the last login.
 */
final class DeviceAgent implements TenantEventAgent {

    private final String name;
    private final AgentStateStore state;
    private final double newDeviceScore;
    private final Duration remember;

    DeviceAgent(String name, AgentStateStore state, double newDeviceScore, Duration remember) {
        this.name = name;
        this.state = state;
        this.newDeviceScore = newDeviceScore;
        this.remember = remember;
    }

    @Override
    public AgentOutcome judge(AgentInput input, String tenant) {
        String subject = EventFields.subject(input);
        String device = EventFields.text(input.data(), "device_id");
        if (state.addMember(tenant + ":device:" + subject, device, remember)) {
            return AgentOutcome.success(newDeviceScore, List.of(name + ": new device '" + device + "' for subject"));
        }
        return AgentOutcome.success(0, List.of(name + ": known device for subject"));
    }
}
