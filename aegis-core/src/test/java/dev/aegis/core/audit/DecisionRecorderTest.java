package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.core.index.InMemoryMetadataIndex;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import dev.aegis.core.router.Decision;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecisionRecorderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final EvaluationRequest REQUEST = new EvaluationRequest("acme", "key/0123456789abcdef", "req-7",
            "alice", JsonNodeFactory.instance.objectNode().put("region", "eu-west").put("ip", "203.0.113.7"));
    private static final Evaluation EVALUATION = new Evaluation("01ev", "login-risk", "alice", Decision.BLOCK, 0.93,
            List.of("ip on a deny list"), List.of(
                    new AgentReport("ip-reputation", AgentStatus.OK, Optional.of(1.0), List.of("deny"), 0.1),
                    new AgentReport("geo", AgentStatus.TIMEOUT, Optional.empty(), List.of(), 20.0)),
            3.2);

    private final ListAuditLog log = new ListAuditLog();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock(NOW);
    private final InMemoryMetadataIndex index = new InMemoryMetadataIndex(Duration.ofDays(90));

    @Test
    void aDecisionIsAuditedInFullWithWhoAskedAndIndexedAsASummary() {
        AuditTrail trail = AuditTrail.start(log, AuditTrail.Settings.defaults(), meters);
        DecisionRecorder recorder = DecisionRecorder.start(trail, Optional.of(index),
                DecisionRecorder.Settings.defaults(), clock, meters);

        recorder.decided(REQUEST, EVALUATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> !subjectHistory().isEmpty());
        trail.close();

        AuditEvent event = log.events.getFirst();
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.actor()).isEqualTo("key/0123456789abcdef");
        assertThat(event.requestId()).contains("req-7");
        assertThat(event.action()).isEqualTo("decision");
        assertThat(event.resource()).isEqualTo("evaluation/01ev");
        assertThat(event.details().toString()).isEqualTo("{\"pipeline\":\"login-risk\",\"subject\":\"alice\","
                + "\"decision\":\"BLOCK\",\"score\":0.93,\"reasons\":[\"ip on a deny list\"],\"agents\":["
                + "{\"agent\":\"ip-reputation\",\"status\":\"OK\",\"score\":1.0},"
                + "{\"agent\":\"geo\",\"status\":\"TIMEOUT\"}],\"latency_ms\":3.2}");
        assertThat(subjectHistory()).containsExactly(new DecisionSummary("acme", "alice", NOW, "01ev", "login-risk",
                "BLOCK", 0.93, Optional.of("eu-west"), List.of("ip on a deny list")));
        recorder.close();
    }

    @Test
    void recordedCompletesOnlyOnceTheDecisionIsInTheAuditLogAndTheIndex() throws Exception {
        AuditTrail trail = AuditTrail.start(log, AuditTrail.Settings.defaults(), meters);
        DecisionRecorder recorder = DecisionRecorder.start(trail, Optional.of(index),
                new DecisionRecorder.Settings(1_000, 100, Duration.ofMillis(300), Duration.ofSeconds(1), "region"),
                clock, meters);

        recorder.decided(REQUEST, EVALUATION);
        CompletableFuture<Void> recorded = recorder.recorded();

        assertThat(recorded).isNotDone();
        recorded.get(5, TimeUnit.SECONDS);
        assertThat(subjectHistory()).hasSize(1);
        assertThat(log.events).hasSize(1);
        trail.close();
        recorder.close();
    }

    @Test
    void decisionsAreRefusedWhileTheAuditLogIsBehindButNotWhileTheIndexIs() {
        log.holding = true;
        AuditTrail trail = AuditTrail.start(log,
                new AuditTrail.Settings(1, 1, Duration.ZERO, Duration.ofMillis(10), Duration.ofSeconds(1)), meters);
        DecisionRecorder recorder = DecisionRecorder.start(trail, Optional.of(index),
                DecisionRecorder.Settings.defaults(), clock, meters);
        recorder.decided(REQUEST, EVALUATION);
        await().atMost(Duration.ofSeconds(5)).until(recorder::accepting);
        recorder.decided(REQUEST, EVALUATION);

        assertThat(recorder.accepting()).isFalse();
        assertThatThrownBy(() -> recorder.decided(REQUEST, EVALUATION))
                .isInstanceOf(DecisionNotRecordedException.class);

        log.holding = false;
        recorder.close();
        trail.close();
        assertThat(log.events).hasSize(2);
    }

    @Test
    void anEventWithoutARegionIsIndexedWithoutOne() {
        AuditTrail trail = AuditTrail.off();
        DecisionRecorder recorder = DecisionRecorder.start(trail, Optional.of(index),
                DecisionRecorder.Settings.defaults(), clock, meters);

        recorder.decided(new EvaluationRequest("acme", "key/x", "req-8", "alice",
                JsonNodeFactory.instance.objectNode().put("region", 7)), EVALUATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> !subjectHistory().isEmpty());

        assertThat(subjectHistory()).extracting(DecisionSummary::region).containsExactly(Optional.empty());
        recorder.close();
    }

    private List<DecisionSummary> subjectHistory() {
        return index.forSubject(new SubjectQuery("acme", "alice", Optional.empty(), 10));
    }
}
