package dev.aegis.core.agent.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.agent.AgentProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuiltinProvidersTest {

    @Test
    void registersOneProviderPerBuiltinTypeForTheServiceLoader() {
        List<String> types = ServiceLoader.load(AgentProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.getClass().getPackage() == BuiltinProvidersTest.class.getPackage())
                .map(AgentProvider::type)
                .toList();

        assertThat(types).containsExactlyInAnyOrder(
                "velocity", "geo", "device", "ip-reputation", "model", "http", "echo", "sleep", "flaky");
    }

    @Test
    void buildsEveryAgentThatNeedsNoFileOrUrlFromDefaults() {
        AgentFixture fixture = new AgentFixture();
        List<AgentProvider> providers = List.of(new VelocityAgentProvider(), new GeoAgentProvider(),
                new DeviceAgentProvider(), new IpReputationAgentProvider(), new EchoAgentProvider(),
                new SleepAgentProvider(), new FlakyAgentProvider());

        assertThat(providers).allSatisfy(provider -> assertThat(fixture.agent(provider, "{}")).isNotNull());
    }
}
