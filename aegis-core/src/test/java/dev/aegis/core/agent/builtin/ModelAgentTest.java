package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAgentTest {

    private static final String MODEL = """
            {"name": "tiny", "version": "3", "description": "for tests",
             "features": [
               {"name": "attempts", "path": "/attempts", "transform": "identity", "default": 0},
               {"name": "age", "path": "/account/age_days", "transform": "log1p", "default": 0},
               {"name": "proxy", "path": "/proxy", "transform": "bool", "default": 0}],
             "weights": [0.5, -1.0, 2.5],
             "bias": -1.0,
             "training": {"samples": 3}}""";

    @TempDir
    Path folder;

    private AgentFixture fixture;

    private Agent model(String text) throws IOException {
        Files.writeString(folder.resolve("model.json"), text);
        fixture = new AgentFixture(folder);
        return fixture.agent(new ModelAgentProvider(), "{'file': 'model.json'}");
    }

    private static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    @Test
    void scoresTheSigmoidOfTheWeightedSum() throws Exception {
        Agent agent = model(MODEL);
        AgentOutcome.Success outcome = success(fixture.call(agent,
                "{'attempts': 4, 'account': {'age_days': 9}, 'proxy': true}"));

        double logit = -1.0 + 0.5 * 4 - Math.log1p(9) + 2.5;
        assertThat(outcome.score()).isCloseTo(sigmoid(logit), within(1e-12));
        assertThat(outcome.reasons()).containsExactly("model: proxy +2.50", "model: attempts +2.00");
        assertThat(outcome.payload()).get().satisfies(payload -> {
            assertThat(payload.get("model").asText()).isEqualTo("tiny");
            assertThat(payload.get("version").asText()).isEqualTo("3");
            assertThat(payload.get("logit").asDouble()).isCloseTo(logit, within(1e-12));
            assertThat(payload.get("contributions").get("age").asDouble()).isCloseTo(-Math.log1p(9), within(1e-12));
        });
    }

    @Test
    void namesOnlyTheTwoLargestPositiveContributions() throws Exception {
        Agent agent = model(MODEL);

        assertThat(success(fixture.call(agent, "{'attempts': 1, 'proxy': 0}")).reasons())
                .containsExactly("model: attempts +0.50");
        assertThat(success(fixture.call(agent, "{'account': {'age_days': 100}}")).reasons())
                .containsExactly("model: no feature raised the risk");
    }

    @Test
    void usesTheDefaultForAnAbsentOrNullFeature() throws Exception {
        Agent agent = model(MODEL);

        assertThat(success(fixture.call(agent, "{'attempts': null}")).score()).isCloseTo(sigmoid(-1), within(1e-12));
    }

    @Test
    void failsPermanentlyOnAFeatureValueItCannotUse() throws Exception {
        Agent agent = model(MODEL);

        assertThat(failure(fixture.call(agent, "{'attempts': 'many'}")))
                .isEqualTo(AgentOutcome.permanentFailure(
                        "model feature 'attempts' at /attempts must be a number or a boolean, was \"many\""));
        assertThat(failure(fixture.call(agent, "{'account': {'age_days': -3}}")).reason())
                .isEqualTo("model feature 'age' must not be negative, was -3.0");

        Agent steep = model(MODEL.replace("[0.5, -1.0, 2.5]", "[10, -1.0, 2.5]"));
        assertThat(failure(fixture.call(steep, "{'attempts': 1e308}")).reason())
                .isEqualTo("model feature values are out of range: the log-odds is Infinity");
    }

    @Test
    void refusesAModelWhoseWeightsDoNotMatchItsFeatures() {
        assertThatThrownBy(() -> model(MODEL.replace("[0.5, -1.0, 2.5]", "[0.5, -1.0]")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'model': file 'model.json' is not a valid model: has 2 weights for 3 features; "
                        + "one per feature");
    }

    @Test
    void refusesNonFiniteNumbersUnknownTransformsAndBadPointers() {
        assertThatThrownBy(() -> model(MODEL.replace("\"bias\": -1.0", "\"bias\": 1e999")))
                .hasMessageEndingWith("bias must be a finite number");
        assertThatThrownBy(() -> model(MODEL.replace("\"bool\"", "\"sqrt\"")))
                .hasMessageEndingWith("features[2].transform must be identity, log1p or bool, was 'sqrt'");
        assertThatThrownBy(() -> model(MODEL.replace("\"/attempts\"", "\"attempts\"")))
                .hasMessageEndingWith("features[0].path must be a JSON pointer into the event such as "
                        + "/failed_attempts, was 'attempts'");
        assertThatThrownBy(() -> model(MODEL.replace("\"proxy\", \"path\"", "\"attempts\", \"path\"")))
                .hasMessageEndingWith("names feature 'attempts' twice");
    }

    @Test
    void refusesAMissingOrUnreadableFile() throws IOException {
        fixture = new AgentFixture(folder);
        Files.writeString(folder.resolve("broken.json"), "{not json");

        assertThatThrownBy(() -> fixture.agent(new ModelAgentProvider(), "m", "{'file': 'absent.json'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("agent 'm': file 'absent.json' is not a readable file (looked at ");
        assertThatThrownBy(() -> fixture.agent(new ModelAgentProvider(), "m", "{'file': 'broken.json'}"))
                .hasMessageStartingWith("agent 'm': file 'broken.json' cannot be read as JSON");
        assertThatThrownBy(() -> fixture.agent(new ModelAgentProvider(), "m", "{}"))
                .hasMessage("agent 'm': file is required");
    }

    @Test
    void loadsTheShippedLoginRiskModelFromTheClasspath() throws Exception {
        fixture = new AgentFixture();
        Agent shipped = fixture.agent(new ModelAgentProvider(), "{'file': 'classpath:models/login-risk.json'}");

        AgentOutcome.Success quiet = success(fixture.call(shipped, "{'account_age_days': 800}"));
        AgentOutcome.Success noisy = success(fixture.call(shipped, """
                {'failed_attempts': 6, 'account_age_days': 2, 'night_login': true,
                 'anonymous_proxy': true, 'password_reset_recent': true}"""));

        assertThat(quiet.score()).isLessThan(0.05);
        assertThat(noisy.score()).isGreaterThan(0.95);
        assertThat(noisy.reasons()).hasSize(2).allMatch(reason -> reason.matches("model: \\w+ \\+\\d+\\.\\d\\d"));
    }
}
