package dev.aegis.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aegis.core.router.Decision;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineConfigModuleTest {

    private static final String YAML = """
            server:
              port: 8080
            agents:
              velocity:
                type: velocity
                timeout: 20ms
                settings:
                  window: 60s
              model:
                type: model
                timeout: PT0.05S
                executor: HEAVY
                max_concurrent: 64
                circuit:
                  failure_rate_threshold: 25
                  window: 30s
                  open_for: 5m
                retry:
                  max_attempts: 2
                  backoff: 2s
            pipelines:
              login-risk:
                deadline: 50ms
                agents:
                  - { agent: velocity, on_missing: Closed }
                  - model
                policy:
                  score: 'agents.model.score'
                  rules:
                    - when: 'score >= 0.8'
                      decision: block
                      reason: risk score at or above 0.8
                    - when: 'agents.velocity.ok'
                      decision: REVIEW
                  when_closed_agent_missing: block
            """;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new EngineConfigModule());

    private EngineConfig read(String text) throws JsonProcessingException {
        ObjectReader reader = yaml.readerFor(EngineConfig.class).withAttribute(SourceText.FILE_ATTRIBUTE, "aegis.yaml");
        return reader.readValue(text);
    }

    @Test
    void readsAgentsWithTheirDefaults() throws JsonProcessingException {
        AgentConfig velocity = read(YAML).agents().get("velocity");

        assertThat(velocity.type()).isEqualTo("velocity");
        assertThat(velocity.timeout()).isEqualTo(Duration.ofMillis(20));
        assertThat(velocity.executor()).isEqualTo("light");
        assertThat(velocity.maxConcurrent()).isEqualTo(256);
        assertThat(velocity.circuit()).isEqualTo(AgentConfig.CircuitConfig.DEFAULT);
        assertThat(velocity.retry()).isEmpty();
        assertThat(velocity.settings().get("window").asText()).isEqualTo("60s");
    }

    @Test
    void readsEveryKeyInSnakeCaseAndDurationsInBothForms() throws JsonProcessingException {
        AgentConfig model = read(YAML).agents().get("model");

        assertThat(model.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(model.executor()).isEqualTo("heavy");
        assertThat(model.maxConcurrent()).isEqualTo(64);
        assertThat(model.circuit()).isEqualTo(new AgentConfig.CircuitConfig(
                25f, Duration.ofSeconds(30), 100, Duration.ofMinutes(5)));
        assertThat(model.retry()).contains(new AgentConfig.RetryConfig(2, Duration.ofSeconds(2)));
        assertThat(model.settings().isEmpty()).isTrue();
    }

    @Test
    void readsPipelinesWithMembersInEitherFormAndEnumsInAnyCase() throws JsonProcessingException {
        PipelineConfig pipeline = read(YAML).pipelines().get("login-risk");

        assertThat(pipeline.deadline()).isEqualTo(Duration.ofMillis(50));
        assertThat(pipeline.agents()).containsExactly(
                PipelineConfig.Member.closed("velocity"), PipelineConfig.Member.open("model"));
        assertThat(pipeline.policy().otherwise()).isEqualTo(Decision.ALLOW);
        assertThat(pipeline.policy().whenClosedAgentMissing()).isEqualTo(Decision.BLOCK);
        assertThat(pipeline.policy().rules()).extracting(PolicyConfig.Rule::decision)
                .containsExactly(Decision.BLOCK, Decision.REVIEW);
    }

    @Test
    void expressionsRememberTheirFileAndLine() throws JsonProcessingException {
        PolicyConfig policy = read(YAML).pipelines().get("login-risk").policy();

        assertThat(policy.score()).contains(new SourceText("agents.model.score", "aegis.yaml", 28));
        assertThat(policy.rules().get(0).when()).isEqualTo(new SourceText("score >= 0.8", "aegis.yaml", 30));
        assertThat(policy.rules().get(1).when().where()).isEqualTo("aegis.yaml:33");
    }

    @Test
    void aRuleWithoutReasonIsReportedByItsExpression() throws JsonProcessingException {
        PolicyConfig.Rule rule = read(YAML).pipelines().get("login-risk").policy().rules().get(1);

        assertThat(rule.reason()).isEqualTo("agents.velocity.ok");
    }

    @Test
    void aPipelineWithoutPolicyAllowsAll() throws JsonProcessingException {
        EngineConfig config = read("""
                agents: { echo: { type: echo } }
                pipelines: { p: { deadline: 1s, agents: [ echo ] } }
                """);

        assertThat(config.pipelines().get("p").policy()).isEqualTo(PolicyConfig.allowAll());
        assertThat(config.pipelines().get("p").policy().score()).isEqualTo(Optional.empty());
    }

    @Test
    void aDurationWithoutUnitIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("""
                agents:
                  echo:
                    type: echo
                    timeout: 50
                """))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("a duration needs a unit")
                .hasMessageContaining("line: 4");
    }

    @Test
    void aMalformedDurationSaysWhichFormsWork() {
        assertThatThrownBy(() -> read("agents: { echo: { type: echo, timeout: 5 parsecs } }"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("invalid duration '5 parsecs'")
                .hasMessageContaining("50ms");
    }

    @Test
    void anAgentWithoutTypeIsRefused() {
        assertThatThrownBy(() -> read("agents: { echo: { timeout: 1s } }"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("'type'");
    }

    @Test
    void aPipelineNamingAnUnconfiguredAgentFailsValidation() throws JsonProcessingException {
        EngineConfig config = read("""
                agents: { echo: { type: echo } }
                pipelines: { p: { deadline: 1s, agents: [ echo, ghost ] } }
                """);

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessage("pipeline 'p': agent 'ghost' is not configured (configured agents: echo)");
    }

    @Test
    void aZeroDeadlineFailsValidation() throws JsonProcessingException {
        EngineConfig config = read("""
                agents: { echo: { type: echo } }
                pipelines: { p: { deadline: 0ms, agents: [ echo ] } }
                """);

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pipeline 'p': deadline must be > 0");
    }

    @Test
    void anUnknownExecutorFailsValidation() throws JsonProcessingException {
        EngineConfig config = read("agents: { echo: { type: echo, executor: gpu } }");

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'echo': executor must be light or heavy, was 'gpu'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "0s", "1500ms"})
    void aCircuitWindowOfPartSecondsOrUnderOneSecondFailsValidation(String window) throws JsonProcessingException {
        EngineConfig config = read("agents: { echo: { type: echo, circuit: { window: " + window + " } } }");

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("agent 'echo': circuit.window must be whole seconds, at least 1s, was ");
    }

    @Test
    void shortDurationsCoverEveryUnit() {
        assertThat(DurationFormat.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationFormat.parse("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(DurationFormat.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationFormat.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationFormat.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
    }
}
