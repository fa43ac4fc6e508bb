package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.DecisionRecorder;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.config.SourceText;
import dev.aegis.core.index.InMemoryMetadataIndex;
import dev.aegis.core.router.Decision;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.LocalKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream on the real broker, evaluating through the core's router with a decision recorder over an in-memory
 * index: events in, decisions out in order per subject, bad records dead-lettered, outages retried, lag, takeover.
 */
class StreamEvaluatorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "acme";
    private static final String PIPELINE = "check";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final StreamSettings SETTINGS = new StreamSettings(TENANT, 100, Duration.ofMillis(50),
            Duration.ofMillis(400));

    private final TimeSource time = TimeSource.system();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private KafkaSettings kafka;
    private StreamTopics topics;
    private InMemoryMetadataIndex index;
    private EventEvaluator evaluator;

    @BeforeEach
    void start() {
        kafka = LocalKafka.settings(3);
        topics = new StreamTopics(kafka);
        AegisEngine engine = AegisEngine.start(engineConfig(), new RuntimeAgentEnvironment(
                new CaffeineAgentStateStore(time, 10_000), time, Path.of(".")), meters);
        index = new InMemoryMetadataIndex(Duration.ofDays(1));
        DecisionRecorder recorder = DecisionRecorder.start(AuditTrail.off(), Optional.of(index),
                DecisionRecorder.Settings.defaults(), time, meters);
        evaluator = EventEvaluator.recorded(engineConfig().pipelines(), engine.agents(), recorder, meters, time);
        closing.addAll(List.of(topics, engine, recorder));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void eachEventGetsOneDecisionInItsSubjectsOrderRecordedAndIndexed() {
        List<String[]> events = events(600, 6);
        topics.send(events);

        stream(evaluator, meters);
        List<ConsumerRecord<String, byte[]>> decisions = readDecisions(events.size());

        assertThat(eventIds(decisions)).hasSize(events.size()).doesNotHaveDuplicates();
        assertThat(ordersBySubject(decisions)).isEqualTo(ordersBySubject(events));
        for (ConsumerRecord<String, byte[]> decision : decisions) {
            JsonNode json = json(decision.value());
            assertThat(decision.key()).isEqualTo(json.get("subject").asText());
            assertThat(header(decision)).isEqualTo(json.get("event_id").asText());
            assertThat(json.get("id").asText()).isEqualTo(DecisionIds.of(TENANT, PIPELINE, header(decision)));
            assertThat(json.get("decision").asText()).isEqualTo(
                    decision.key().equals("subject-0") ? "BLOCK" : "ALLOW");
        }
        await().atMost(PATIENCE).until(() -> indexed("subject-1").size() == 100);
        assertThat(indexed("subject-1")).extracting(DecisionSummary::evaluationId).containsAll(
                decisions.stream().filter(record -> record.key().equals("subject-1"))
                        .map(record -> json(record.value()).get("id").asText()).toList());
        assertThat(meters.get(StreamMeters.EVENTS).tag("outcome", "evaluated").counter().count()).isEqualTo(600);
    }

    @Test
    void aBadRecordIsDeadLetteredWithWhyAndItsPartitionGoesOn() {
        topics.send(List.of(new String[] {"alice", StreamTopics.event("e-1", PIPELINE, "alice")},
                new String[] {"alice", "{not json"},
                new String[] {"alice", StreamTopics.event("e-2", "nobody", "alice")},
                new String[] {"alice", StreamTopics.event("e-3", PIPELINE, "alice")}));

        stream(evaluator, meters);

        assertThat(eventIds(readDecisions(2))).containsExactly("e-1", "e-3");
        List<ConsumerRecord<String, byte[]>> dead = topics.read(StreamEvaluator.DEAD_LETTERS,
                records -> records.size() >= 2, PATIENCE);
        assertThat(dead).extracting(record -> text(record, StreamOutputs.DEAD_REASON))
                .containsExactly("invalid-event", "unknown-pipeline");
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .first().isEqualTo("{not json");
        await().atMost(PATIENCE).until(() -> lag() == 0
                && meters.get(StreamMeters.EVENTS).tag("outcome", "dead_lettered").counter().count() == 2);
    }

    @Test
    void anEvaluationOutageIsRetriedAndLosesNothing() {
        AtomicInteger calls = new AtomicInteger();
        EventEvaluator outageAtFirst = (pipeline, request) -> {
            int call = calls.incrementAndGet();
            if (call > 20 && call <= 30) {
                throw new DecisionNotRecordedException("decisions cannot be recorded now: the audit log is behind");
            }
            return evaluator.evaluate(pipeline, request);
        };
        List<String[]> events = events(300, 5);
        topics.send(events);

        stream(outageAtFirst, meters);
        List<ConsumerRecord<String, byte[]>> decisions = readDecisions(events.size());

        assertThat(eventIds(decisions)).hasSize(events.size()).doesNotHaveDuplicates();
        assertThat(ordersBySubject(decisions)).isEqualTo(ordersBySubject(events));
        assertThat(meters.get(StreamMeters.EVENTS).tag("outcome", "retried").counter().count()).isGreaterThan(0);
    }

    @Test
    void theLagRisesWithABacklogAndFallsToZero() throws InterruptedException {
        CountDownLatch open = new CountDownLatch(1);
        EventEvaluator gated = (pipeline, request) -> {
            waitFor(open);
            return evaluator.evaluate(pipeline, request);
        };
        topics.send(events(900, 9));

        stream(gated, meters);

        await().atMost(PATIENCE).until(() -> lag() >= 100);
        open.countDown();
        await().atMost(PATIENCE).until(() -> lag() == 0);
        assertThat(eventIds(readDecisions(900))).hasSize(900);
    }

    @Test
    void aConsumerThatLeavesMidStreamIsTakenOverAndEveryEventIsAnswered() throws Exception {
        EventEvaluator slow = (pipeline, request) -> {
            sleep(1);
            return evaluator.evaluate(pipeline, request);
        };
        List<String[]> events = events(2_000, 20);
        topics.send(events);
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();

        StreamEvaluator first = stream(slow, firstMeters);
        await().atMost(PATIENCE).until(() -> evaluated(firstMeters) >= 300);
        stream(slow, secondMeters);
        await().atMost(PATIENCE).until(() -> evaluated(secondMeters) >= 100);
        first.close();
        List<ConsumerRecord<String, byte[]>> decisions = readDecisions(events.size());

        assertThat(evaluated(firstMeters)).isLessThan(events.size());
        assertThat(eventIds(decisions)).containsAll(events.stream().map(event -> json(event[1]).get("id").asText())
                .toList());
        Map<String, List<String>> decisionIds = decisions.stream().collect(Collectors.groupingBy(
                this::header, Collectors.mapping(record -> json(record.value()).get("id").asText(),
                        Collectors.toList())));
        assertThat(decisionIds.values()).allSatisfy(ids -> assertThat(ids).containsOnly(ids.getFirst()));
        assertThat(firstOccurrences(ordersBySubject(decisions))).isEqualTo(ordersBySubject(events));
    }

    private StreamEvaluator stream(EventEvaluator with, SimpleMeterRegistry registry) {
        StreamEvaluator stream = StreamEvaluator.start(kafka, SETTINGS, with, registry, time);
        closing.add(stream);
        return stream;
    }

    private List<ConsumerRecord<String, byte[]>> readDecisions(int atLeast) {
        List<ConsumerRecord<String, byte[]>> decisions = topics.read(StreamEvaluator.DECISIONS,
                records -> eventIds(records).stream().distinct().count() >= atLeast, PATIENCE);
        assertThat(eventIds(decisions).stream().distinct().count()).as("distinct events answered")
                .isGreaterThanOrEqualTo(atLeast);
        return decisions;
    }

    private List<DecisionSummary> indexed(String subject) {
        return index.forSubject(new SubjectQuery(TENANT, subject, Optional.empty(), 1_000));
    }

    private double lag() {
        return meters.get(StreamMeters.LAG).tag("topic", kafka.name(StreamEvaluator.EVENTS)).gauge().value();
    }

    private static double evaluated(SimpleMeterRegistry registry) {
        return registry.get(StreamMeters.EVENTS).tag("outcome", "evaluated").counter().count();
    }

    /** {@code count} events over {@code subjects} subjects, subject-0 the one the policy blocks. */
    private static List<String[]> events(int count, int subjects) {
        List<String[]> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String subject = "subject-" + (n % subjects);
            events.add(new String[] {subject, StreamTopics.event("e-" + n, PIPELINE, subject)});
        }
        return events;
    }

    private static EngineConfig engineConfig() {
        PolicyConfig policy = new PolicyConfig(Optional.empty(), List.of(new PolicyConfig.Rule(
                SourceText.of("subject == 'subject-0'"), Decision.BLOCK, "blocked subject")), Decision.ALLOW,
                Decision.REVIEW);
        return new EngineConfig(Map.of("echo", AgentConfig.defaults("echo")), Map.of(PIPELINE, new PipelineConfig(
                Duration.ofSeconds(1), List.of(PipelineConfig.Member.open("echo")), policy)));
    }

    private List<String> eventIds(List<ConsumerRecord<String, byte[]>> decisions) {
        return decisions.stream().map(this::header).toList();
    }

    private static Map<String, List<String>> ordersBySubject(List<?> recordsOrEvents) {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        for (Object item : recordsOrEvents) {
            JsonNode json = item instanceof ConsumerRecord<?, ?> record ? json((byte[]) record.value())
                    : json(((String[]) item)[1]);
            orders.computeIfAbsent(json.get("subject").asText(), subject -> new ArrayList<>())
                    .add(json.has("event_id") ? json.get("event_id").asText() : json.get("id").asText());
        }
        return orders.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, List<String>> firstOccurrences(Map<String, List<String>> orders) {
        return orders.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().stream().distinct().toList()));
    }

    private String header(ConsumerRecord<String, byte[]> record) {
        return text(record, StreamOutputs.EVENT_ID);
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] value) {
        return json(new String(value, StandardCharsets.UTF_8));
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
