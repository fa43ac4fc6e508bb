package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VelocityAgentTest {

    private final AgentFixture fixture = new AgentFixture();
    private final Agent velocity = fixture.agent(new VelocityAgentProvider(), "{}");

    private AgentOutcome.Success login(String subject, String ip) throws Exception {
        return success(fixture.call(velocity, subject, "{'ip': '" + ip + "'}"));
    }

    private AgentOutcome.Success logins(int times, String subject, String ip) throws Exception {
        AgentOutcome.Success last = null;
        for (int i = 0; i < times; i++) {
            last = login(subject, ip);
        }
        return last;
    }

    @Test
    void scoresHalfTheRatioOfCountToLimit() throws Exception {
        assertThat(login("alice", "203.0.113.1").score()).isEqualTo(0.05);
        assertThat(logins(4, "alice", "203.0.113.1").score()).isEqualTo(0.25);
    }

    @Test
    void scoresOneHalfAtTheLimitAndOneAtTwiceTheLimit() throws Exception {
        AgentOutcome.Success atLimit = logins(10, "alice", "203.0.113.1");
        assertThat(atLimit.score()).isEqualTo(0.5);
        assertThat(atLimit.reasons()).first().isEqualTo("velocity: 10 logins for subject in 60s (limit 10)");

        assertThat(logins(10, "alice", "203.0.113.1").score()).isEqualTo(1.0);
        assertThat(logins(5, "alice", "203.0.113.1").score()).isEqualTo(1.0);
    }

    @Test
    void scoresTheWorseOfSubjectAndIp() throws Exception {
        for (int i = 0; i < 44; i++) {
            login("user-" + i, "198.51.100.7");
        }
        AgentOutcome.Success outcome = login("bob", "198.51.100.7");

        assertThat(outcome.score()).isEqualTo(0.75);
        assertThat(outcome.reasons()).containsExactly(
                "velocity: 45 logins from ip 198.51.100.7 in 60s (limit 30)",
                "velocity: 1 login for subject in 60s (limit 10)");
    }

    @Test
    void forgetsLoginsOnceTheyLeaveTheWindow() throws Exception {
        logins(10, "alice", "203.0.113.1");
        fixture.clock.advance(Duration.ofSeconds(30));
        assertThat(login("alice", "203.0.113.1").score()).isEqualTo(0.55);

        fixture.clock.advance(Duration.ofSeconds(31));
        assertThat(login("alice", "203.0.113.1").score()).isEqualTo(0.1);
    }

    @Test
    void countsByTheEventTimestampWhenGiven() throws Exception {
        fixture.call(velocity, "alice", "{'timestamp': '2026-05-01T10:00:00Z'}");
        fixture.call(velocity, "alice", "{'timestamp': '2026-05-01T10:00:30Z'}");

        assertThat(success(fixture.call(velocity, "alice", "{'timestamp': '2026-05-01T10:00:59Z'}")).score())
                .isEqualTo(0.15);
        assertThat(success(fixture.call(velocity, "alice", "{'timestamp': 1777629690000}")).score())
                .as("epoch millis for 10:01:30, when the first two have left the window")
                .isEqualTo(0.1);
    }

    @Test
    void countsAnEventWithoutIpForItsSubjectOnly() throws Exception {
        AgentOutcome.Success outcome = success(fixture.call(velocity, "alice", "{}"));

        assertThat(outcome.reasons()).containsExactly("velocity: 1 login for subject in 60s (limit 10)");
    }

    @Test
    void treatsTwoSpellingsOfOneIpv6AddressAsOne() throws Exception {
        login("a", "2001:db8::1");

        assertThat(login("b", "2001:0db8:0:0:0:0:0:1").reasons())
                .contains("velocity: 2 logins from ip 2001:db8:0:0:0:0:0:1 in 60s (limit 30)");
    }

    @Test
    void keepsTenantsApart() throws Exception {
        logins(9, "alice", "203.0.113.1");
        AgentInput input = AgentInput.of("alice", json("{'ip': '203.0.113.1'}"));

        assertThat(success(velocity.evaluate(input, fixture.context("tenant-b", "r"))).score()).isEqualTo(0.05);
    }

    @Test
    void usesItsSettings() throws Exception {
        Agent strict = fixture.agent(new VelocityAgentProvider(), "strict",
                "{'window': 'PT10M', 'subject_limit': '2', 'ip_limit': 100}");
        strict.evaluate(AgentInput.of("carol", json("{}")), fixture.context("t", "r"));
        AgentOutcome.Success second = success(strict.evaluate(AgentInput.of("carol", json("{}")),
                fixture.context("t", "r")));

        assertThat(second.score()).isEqualTo(0.5);
        assertThat(second.reasons()).containsExactly("strict: 2 logins for subject in 600s (limit 2)");
    }

    @Test
    void failsPermanentlyWithoutSubjectOrWithABadIpOrTimestamp() throws Exception {
        assertThat(failure(fixture.call(velocity, "{'ip': '203.0.113.1'}")))
                .isEqualTo(AgentOutcome.permanentFailure("the call has no subject"));
        assertThat(failure(fixture.call(velocity, "alice", "{'ip': 'example.com'}")).reason())
                .isEqualTo("event field 'ip' must be an IPv4 or IPv6 address, was \"example.com\"");
        assertThat(failure(fixture.call(velocity, "alice", "{'timestamp': 'yesterday'}")).reason())
                .startsWith("event field 'timestamp' must be ISO-8601 text");
        assertThat(failure(fixture.call(velocity, "alice", "[1, 2]")).reason())
                .isEqualTo("the event must be a JSON object, was ARRAY");
    }

    @Test
    void refusesBadSettingsAtStart() {
        VelocityAgentProvider provider = new VelocityAgentProvider();

        assertThatThrownBy(() -> fixture.agent(provider, "v", "{'subject_limit': 0}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'v': subject_limit must be a whole number from 1 to 2147483647, was 0");
        assertThatThrownBy(() -> fixture.agent(provider, "v", "{'window': 'soon'}"))
                .hasMessage("agent 'v': window must be a duration such as 60s, 500ms or PT1M, was \"soon\"");
        assertThatThrownBy(() -> fixture.agent(provider, "v", "{'windw': '60s'}"))
                .hasMessage("agent 'v': windw is not a setting of this agent type "
                        + "(known: ip_limit, subject_limit, window)");
    }
}
