package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import dev.aegis.core.router.Decision;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamDecisionsTest {

    private static final EvaluationRequest REQUEST = new EvaluationRequest("acme", PartitionRun.ACTOR, "e-1", "alice",
            JsonNodeFactory.instance.objectNode());

    @Test
    void aDecisionIdIsTheSameForTheSameEventAndDiffersForAnyOther() {
        String id = DecisionIds.of("acme", "login-risk", "e-1");

        assertThat(DecisionIds.of("acme", "login-risk", "e-1")).isEqualTo(id);
        assertThat(List.of(DecisionIds.of("acme", "login-risk", "e-2"), DecisionIds.of("other", "login-risk", "e-1"),
                DecisionIds.of("acme", "payments", "e-1"), DecisionIds.of("acm", "elogin-risk", "e-1")))
                .doesNotContain(id).doesNotHaveDuplicates();
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
    }

    @Test
    void anIdentifiedEvaluationChangesItsIdOnly() {
        Evaluation evaluation = evaluation("random-id");

        Evaluation identified = DecisionIds.identified(REQUEST, evaluation);

        assertThat(identified.id()).isEqualTo(DecisionIds.of("acme", "login-risk", "e-1"));
        assertThat(identified).usingRecursiveComparison().ignoringFields("id").isEqualTo(evaluation);
    }

    @Test
    void theRecorderIsHandedTheDecisionUnderItsEventsId() {
        List<Evaluation> recorded = new ArrayList<>();
        DecisionListener recorder = new DecisionListener() {
            @Override
            public boolean accepting() {
                return false;
            }

            @Override
            public void decided(EvaluationRequest request, Evaluation evaluation) {
                recorded.add(evaluation);
            }
        };
        IdentifiedDecisions decisions = new IdentifiedDecisions(recorder);

        decisions.decided(REQUEST, evaluation("random-id"));

        assertThat(decisions.accepting()).isFalse();
        assertThat(recorded).singleElement().extracting(Evaluation::id)
                .isEqualTo(DecisionIds.of("acme", "login-risk", "e-1"));
    }

    @Test
    void aDecisionRecordIsTheEvaluateAnswerWithTheEventId() throws Exception {
        JsonNode json = new ObjectMapper().readTree(DecisionEncoder.encode("e-1", evaluation("d-1")));

        assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("event_id", "id",
                "pipeline", "subject", "decision", "score", "reasons", "agents", "latency_ms");
        assertThat(json.get("event_id").asText()).isEqualTo("e-1");
        assertThat(json.get("id").asText()).isEqualTo("d-1");
        assertThat(json.get("decision").asText()).isEqualTo("REVIEW");
        assertThat(json.get("score").asDouble()).isEqualTo(0.5);
        assertThat(json.get("reasons").get(0).asText()).isEqualTo("new device");
        assertThat(json.get("agents").get(0).get("score").asDouble()).isEqualTo(0.6);
        assertThat(json.get("agents").get(1).has("score")).isFalse();
        assertThat(json.get("agents").get(1).get("status").asText()).isEqualTo("TIMEOUT");
    }

    private static Evaluation evaluation(String id) {
        return new Evaluation(id, "login-risk", "alice", Decision.REVIEW, 0.5, List.of("new device"),
                List.of(new AgentReport("device", AgentStatus.OK, Optional.of(0.6), List.of("new device"), 0.1),
                        new AgentReport("geo", AgentStatus.TIMEOUT, Optional.empty(), List.of(), 20.0)),
                1.5);
    }
}
