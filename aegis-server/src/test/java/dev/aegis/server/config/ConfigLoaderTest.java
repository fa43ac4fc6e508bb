package dev.aegis.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.autoscale.MetricTarget;
import dev.aegis.core.autoscale.ScalingRules;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.server.auth.ApiKey;
import dev.aegis.server.auth.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsDescribeTheEmbeddedNode() {
        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.server()).isEqualTo(
                new ServerConfig("0.0.0.0", 8080, 1_048_576, Duration.ofSeconds(10), Path.of("./data"),
                        Duration.ofSeconds(2)));
        assertThat(config.auth().keys()).isEmpty();
        assertThat(config.auth().bootstrapKey()).isEmpty();
        assertThat(config.rateLimits().perIp()).isEqualTo(new RateLimitConfig(100_000, 100_000));
        assertThat(config.state()).isEqualTo(new StateConfig("embedded", 1_000_000));
        assertThat(config.engine().agents()).containsKeys("velocity", "geo", "device", "ip-reputation", "model", "sleep");
        assertThat(config.engine().agents().get("model").executor()).isEqualTo("light");
        assertThat(config.engine().agents().get("velocity").timeout()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.engine().pipelines().get("login-risk").agents()).hasSize(5);
        assertThat(config.configDirectory()).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void aFileIsMergedOverTheDefaultsKeyByKey() throws IOException {
        Path file = write("""
                server:
                  port: 9000
                rate_limits:
                  per_ip:
                    capacity: 5
                agents:
                  slow:
                    type: sleep
                    timeout: 5s
                pipelines:
                  slow:
                    deadline: 5s
                    agents: [slow]
                """);

        AegisConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.rateLimits().perIp()).isEqualTo(new RateLimitConfig(5, 100_000));
        assertThat(config.engine().agents()).containsKeys("slow", "velocity");
        assertThat(config.engine().agents().get("slow").timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.engine().pipelines()).containsKeys("slow", "login-risk");
        assertThat(config.configDirectory()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void nullInAFileRemovesADefaultEntry() throws IOException {
        Path file = write("""
                pipelines:
                  login-risk: ~
                  only-echo:
                    deadline: 1s
                    agents: [echo]
                """);

        AegisConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.engine().pipelines()).containsOnlyKeys("only-echo");
    }

    @Test
    void environmentOverridesExistingKeysMatchingMultiWordKeysGreedily() throws IOException {
        Path file = write("server:\n  port: 9000\n");

        AegisConfig config = ConfigLoader.load(Optional.of(file), Map.of(
                "AEGIS_SERVER_PORT", "9090",
                "AEGIS_SERVER_MAX_BODY_BYTES", "2048",
                "AEGIS_SERVER_SHUTDOWN_GRACE", "250ms",
                "AEGIS_RATE_LIMITS_PER_IP_CAPACITY", "7",
                "AEGIS_AGENTS_IP_REPUTATION_TIMEOUT", "5ms",
                "AEGIS_STATE_TYPE", "embedded",
                "PATH", "/usr/bin"));

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().maxBodyBytes()).isEqualTo(2048);
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.rateLimits().perIp().capacity()).isEqualTo(7);
        assertThat(config.engine().agents().get("ip-reputation").timeout()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void anOverrideCanSetAWholeListAsYaml() {
        String hash = ApiKey.hashOf("secret-one");

        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "AEGIS_AUTH_KEYS", "[{hash: '" + hash + "', tenant: acme, roles: [submitter, auditor]}]"));

        assertThat(config.auth().keys()).containsExactly(new ApiKey(hash, "acme", Set.of(Role.SUBMITTER, Role.AUDITOR)));
    }

    @Test
    void theBootstrapKeyComesFromTheEnvironmentAndIsNotAConfigurationKey() {
        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of("AEGIS_BOOTSTRAP_KEY", "let-me-in"));

        assertThat(config.auth().bootstrapKey()).contains("let-me-in");
    }

    @Test
    void theLaunchersOwnVariablesAreNotConfigurationKeys() {
        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "AEGIS_KEY", "load-test-key", "AEGIS_CONFIG", "aegis.yaml", "AEGIS_JAVA_OPTS", "-Xmx1g",
                "AEGIS_LOG_LEVEL", "WARN"));

        assertThat(config.server().port()).isEqualTo(8080);
    }

    @Test
    void anOverrideNamingNoKeyStopsStartUp() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AEGIS_SERVER_PROT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AEGIS_SERVER_PROT")
                .hasMessageContaining("no key 'prot' under 'server'")
                .hasMessageContaining("port");
    }

    @Test
    void anUnknownKeyFailsWithFileLineAndPath() throws IOException {
        Path file = write("server:\n  host: 127.0.0.1\n  prot: 9000\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: unknown key 'server.prot'")
                .hasMessageContaining("port");
    }

    @Test
    void anUnknownTopLevelKeyFails() throws IOException {
        Path file = write("servr:\n  port: 1\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1: unknown key 'servr'");
    }

    @Test
    void aBadDurationNamesTheFileAndKey() throws IOException {
        Path file = write("server:\n  shutdown_grace: 10 parsecs\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: server.shutdown_grace:")
                .hasMessageContaining("10 parsecs");
    }

    @Test
    void aBadOverrideValueNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AEGIS_SERVER_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable AEGIS_SERVER_PORT: server.port:");
    }

    @Test
    void anOutOfRangeValueSaysWhy() throws IOException {
        Path file = write("server:\n  port: 70000\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: server.port: port must be between 0 and 65535, was 70000");
    }

    @Test
    void theTaskDefaultsAreSeed004sAutoscalerOverTheEmbeddedStore() {
        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.tasks().service().store()).isEqualTo("embedded");
        assertThat(config.tasks().service().workers().prefetch()).isZero();
        assertThat(config.tasks().autoscaler()).isEqualTo(AutoscalerConfig.defaults());
    }

    @Test
    void autoscalerKeysTakeKubernetesSpellingsAndOverrides() throws IOException {
        Path file = write("""
                tasks:
                  autoscaler:
                    metrics:
                      - {name: queue_depth, type: AverageValue, target: 20}
                    scale_up:
                      select_policy: Disabled
                      policies: []
                """);

        AegisConfig config = ConfigLoader.load(Optional.of(file),
                Map.of("AEGIS_TASKS_AUTOSCALER_MAX_REPLICAS", "200"));

        AutoscalerConfig autoscaler = config.tasks().autoscaler();
        assertThat(autoscaler.maxReplicas()).isEqualTo(200);
        assertThat(autoscaler.metrics()).containsExactly(MetricTarget.averageValue("queue_depth", 20));
        assertThat(autoscaler.scaleUp().selectPolicy()).isEqualTo(ScalingRules.SelectPolicy.DISABLED);
        assertThat(autoscaler.scaleUp().stabilizationWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBadTaskSettingNamesTheFileAndKey() throws IOException {
        Path file = write("tasks:\n  lower_priority_share: 0.9\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2: tasks.lower_priority_share")
                .hasMessageContaining("from 0 to 0.5");
    }

    @Test
    void aBadKeyHashIsRejected() throws IOException {
        Path file = write("auth:\n  keys:\n    - {hash: 'md5:abc', tenant: acme, roles: [admin]}\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("auth.keys[0]")
                .hasMessageContaining("sha256:");
    }

    @Test
    void aPipelineNamingAnUnknownAgentNamesTheFile() throws IOException {
        Path file = write("server:\n  port: 1\npipelines:\n  broken:\n    deadline: 1s\n    agents: [nobody]\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: pipeline 'broken'")
                .hasMessageContaining("nobody");
    }

    @Test
    void anAgentWithoutATypeNamesTheAgent() throws IOException {
        Path file = write("agents:\n  nameless:\n    timeout: 1s\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: agents.nameless")
                .hasMessageContaining("type");
    }

    @Test
    void policyExpressionsKeepTheirFileAndLine() throws IOException {
        Path file = write("""
                pipelines:
                  checked:
                    deadline: 1s
                    agents: [echo]
                    policy:
                      rules:
                        - when: 'score >= 0.5'
                          decision: BLOCK
                """);

        PolicyConfig policy = ConfigLoader.load(Optional.of(file), Map.of()).engine().pipelines().get("checked").policy();
        PolicyConfig defaults = ConfigLoader.load(Optional.empty(), Map.of())
                .engine().pipelines().get("login-risk").policy();

        assertThat(policy.rules().getFirst().when().where()).isEqualTo(file + ":7");
        assertThat(defaults.rules().getFirst().when().file()).isEqualTo("aegis-defaults.yaml (built-in)");
        assertThat(defaults.rules().getFirst().when().line()).isGreaterThan(80);
    }

    @Test
    void invalidYamlNamesTheFileAndLine() throws IOException {
        Path file = write("server:\n  port: [1,\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read configuration file " + missing);
    }

    @Test
    void pipelineMembersKeepTheirFailureMode() {
        PipelineConfig pipeline = ConfigLoader.load(Optional.empty(), Map.of()).engine().pipelines().get("login-risk");

        assertThat(pipeline.agents()).contains(PipelineConfig.Member.closed("ip-reputation"));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("aegis.yaml"), yaml);
    }
}
