package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginModelTrainerTest {

    /** Neither the training seed nor the hold-out seed the file reports: logins the trainer never saw. */
    private static final long FRESH_SEED = 424_242L;

    private static JsonNode shipped;

    @BeforeAll
    static void readShippedFile() throws IOException {
        try (InputStream in = LoginModelTrainerTest.class.getResourceAsStream("/models/login-risk.json")) {
            assertThat(in).as("models/login-risk.json on the classpath").isNotNull();
            shipped = AgentFixture.JSON.readTree(in);
        }
    }

    @Test
    void shippedModelRanksFreshSyntheticLoginsWithAnAucOfAtLeast085() throws Exception {
        AgentFixture fixture = new AgentFixture();
        Agent model = fixture.agent(new ModelAgentProvider(), "{'file': 'classpath:models/login-risk.json'}");
        List<LoginStory.Login> logins = LoginStory.logins(FRESH_SEED, 5_000);
        double[] scores = new double[logins.size()];
        for (int i = 0; i < scores.length; i++) {
            AgentInput input = AgentInput.of("subject-" + i, logins.get(i).event());
            scores[i] = success(model.evaluate(input, fixture.context("t", "r-" + i))).score();
        }

        double auc = LoginModelTrainer.auc(scores, LoginModelTrainer.labels(logins));
        assertThat(auc).isGreaterThanOrEqualTo(0.85);
        assertThat(shipped.at("/training/holdout/auc").asDouble()).isCloseTo(auc, within(0.02));
    }

    @Test
    void retrainingReproducesTheShippedFile() {
        ObjectNode retrained = LoginModelTrainer.train();

        assertThat(retrained.get("features")).isEqualTo(shipped.get("features"));
        assertThat(retrained.get("bias").asDouble()).isCloseTo(shipped.get("bias").asDouble(), within(1e-5));
        for (int i = 0; i < shipped.get("weights").size(); i++) {
            assertThat(retrained.get("weights").get(i).asDouble())
                    .as("weight of %s", shipped.get("features").get(i).get("name").asText())
                    .isCloseTo(shipped.get("weights").get(i).asDouble(), within(1e-5));
        }
        assertThat(retrained.at("/training/holdout/auc").asDouble())
                .isCloseTo(shipped.at("/training/holdout/auc").asDouble(), within(1e-5));
    }

    @Test
    void learnsTheDirectionOfEachRiskFactor() {
        JsonNode weights = shipped.get("weights");

        assertThat(weights.get(0).asDouble()).as("failed_attempts").isPositive();
        assertThat(weights.get(1).asDouble()).as("account_age_days").isNegative();
        assertThat(weights.get(2).asDouble()).as("night_login").isPositive();
        assertThat(weights.get(3).asDouble()).as("anonymous_proxy").isPositive();
        assertThat(weights.get(4).asDouble()).as("password_reset_recent").isPositive();
    }

    @Test
    void recoversTheLogOddsOfTheGenerativeStory() {
        double failedAttemptsLogOdds = Math.log(1.2 / 0.3);
        double accountAgeLogOdds = (Math.log(90) - Math.log(400)) / (1.2 * 1.2);

        assertThat(shipped.get("weights").get(0).asDouble()).isCloseTo(failedAttemptsLogOdds, within(0.15));
        assertThat(shipped.get("weights").get(1).asDouble()).isCloseTo(accountAgeLogOdds, within(0.15));
    }

    @Test
    void beatsAlwaysAnsweringLegitimateOnHeldOutAccuracy() {
        JsonNode holdout = shipped.at("/training/holdout");

        assertThat(holdout.get("accuracy").asDouble())
                .isGreaterThan(holdout.get("accuracy_of_always_legitimate").asDouble());
    }

    @Test
    void computesTheAreaUnderTheCurveWithTies() {
        boolean[] risky = {false, true, false, true};

        assertThat(LoginModelTrainer.auc(new double[] {0.1, 0.9, 0.2, 0.8}, risky)).isEqualTo(1.0);
        assertThat(LoginModelTrainer.auc(new double[] {0.9, 0.1, 0.8, 0.2}, risky)).isEqualTo(0.0);
        assertThat(LoginModelTrainer.auc(new double[] {0.5, 0.5, 0.5, 0.5}, risky)).isEqualTo(0.5);
    }
}
