package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class IpReputationAgentTest {

    private final AgentFixture fixture = new AgentFixture();
    private final Agent reputation = fixture.agent(new IpReputationAgentProvider(), """
            {'deny': ['192.0.2.0/24', '198.51.100.128/25', '2001:db8::/32', '203.0.113.9'],
             'allow': ['192.0.2.64/26', '10.0.0.0/8']}""");

    private AgentOutcome.Success check(String ip) throws Exception {
        return success(fixture.call(reputation, "{'ip': '" + ip + "'}"));
    }

    @Test
    void scoresAnAddressInADenyBlockWithTheDenyScore() throws Exception {
        AgentOutcome.Success outcome = check("192.0.2.7");

        assertThat(outcome.score()).isEqualTo(1.0);
        assertThat(outcome.reasons()).containsExactly("ip-reputation: 192.0.2.7 in deny block 192.0.2.0/24");
    }

    @Test
    void matchesPrefixesThatEndInsideAByte() throws Exception {
        assertThat(check("198.51.100.200").score()).isEqualTo(1.0);
        assertThat(check("198.51.100.127").score()).isZero();
    }

    @Test
    void matchesASingleAddressAndIpv6Blocks() throws Exception {
        assertThat(check("203.0.113.9").reasons()).containsExactly(
                "ip-reputation: 203.0.113.9 in deny block 203.0.113.9");
        assertThat(check("203.0.113.10").score()).isZero();
        assertThat(check("2001:db8:ffff::1").score()).isEqualTo(1.0);
        assertThat(check("2001:db9::1").score()).isZero();
    }

    @Test
    void letsAllowWinOverDeny() throws Exception {
        AgentOutcome.Success outcome = check("192.0.2.70");

        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).containsExactly("ip-reputation: 192.0.2.70 in allow block 192.0.2.64/26");
    }

    @Test
    void scoresAnAddressOnNoListWithTheUnknownScore() throws Exception {
        Agent cautious = fixture.agent(new IpReputationAgentProvider(), "ip-reputation",
                "{'deny': '192.0.2.0/24, 198.51.100.0/24', 'unknown_score': 0.2, 'deny_score': 0.9}");

        assertThat(success(fixture.call(cautious, "{'ip': '8.8.8.8'}")).reasons())
                .containsExactly("ip-reputation: 8.8.8.8 on no list");
        assertThat(success(fixture.call(cautious, "{'ip': '8.8.8.8'}")).score()).isEqualTo(0.2);
        assertThat(success(fixture.call(cautious, "{'ip': '198.51.100.1'}")).score()).isEqualTo(0.9);
    }

    @Test
    void readsAnIpv4MappedIpv6AddressAsIpv4() throws Exception {
        assertThat(check("::ffff:192.0.2.7").score()).isEqualTo(1.0);
    }

    @Test
    void failsPermanentlyOnAMissingAddressOrAHostName() throws Exception {
        assertThat(failure(fixture.call(reputation, "{}")))
                .isEqualTo(AgentOutcome.permanentFailure("event field 'ip' is missing"));
        assertThat(failure(fixture.call(reputation, "{'ip': 'localhost'}")).retryable()).isFalse();
        assertThat(failure(fixture.call(reputation, "{'ip': '192.168.001.1'}")).reason())
                .isEqualTo("event field 'ip' must be an IPv4 or IPv6 address, was \"192.168.001.1\"");
    }

    @Test
    void refusesBlocksThatAreNotCidrAtStart() {
        IpReputationAgentProvider provider = new IpReputationAgentProvider();

        assertThatThrownBy(() -> fixture.agent(provider, "ip", "{'deny': ['example.com/24']}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'ip': deny entry 'example.com/24' is not a CIDR block: "
                        + "'example.com' is not an IP address literal");
        assertThatThrownBy(() -> fixture.agent(provider, "ip", "{'allow': ['10.1.2.3/8']}"))
                .hasMessage("agent 'ip': allow entry '10.1.2.3/8' is not a CIDR block: "
                        + "has host bits set; did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> fixture.agent(provider, "ip", "{'deny': ['10.0.0.0/33']}"))
                .hasMessageEndingWith("prefix length must be 0 to 32, was '33'");
        assertThatThrownBy(() -> fixture.agent(provider, "ip", "{'deny': ['2001:db8::/129']}"))
                .hasMessageEndingWith("prefix length must be 0 to 128, was '129'");
        assertThatThrownBy(() -> fixture.agent(provider, "ip", "{'deny_score': 2}"))
                .hasMessage("agent 'ip': deny_score must be a score in [0, 1], was 2.0");
    }
}
