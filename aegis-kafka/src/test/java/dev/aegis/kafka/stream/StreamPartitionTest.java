package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aegis.core.router.Decision;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.UnknownPipelineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class StreamPartitionTest {

    private static final TopicPartition PARTITION = new TopicPartition("events", 3);
    private static final EventEvaluator ALLOW = (pipeline, request) -> evaluation(pipeline, request);

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());

    @Test
    void eventsAreAnsweredInOrderKeyedBySubjectAndAllMayBeCommitted() {
        PartitionResult result = run(ALLOW, List.of(event(10, "alice", "e-1"), event(11, "bob", "e-2"),
                event(12, "alice", "e-3")));

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("decisions");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("alice", "bob", "alice");
        assertThat(producer.history()).extracting(record -> header(record, StreamOutputs.EVENT_ID))
                .containsExactly("e-1", "e-2", "e-3");
        assertThat(result).isEqualTo(new PartitionResult(PARTITION, 10, 13, Optional.empty(), 3, 0));
    }

    @Test
    void recordsThatCannotBeEvaluatedAreDeadLetteredWithWhyAndThePartitionGoesOn() {
        EventEvaluator evaluator = (pipeline, request) -> switch (pipeline) {
            case "nobody" -> throw new UnknownPipelineException(pipeline);
            case "buggy" -> throw new IllegalStateException("a bug");
            default -> evaluation(pipeline, request);
        };
        ConsumerRecord<String, byte[]> notJson = record(20, "alice", "{not json");
        notJson.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));

        PartitionResult result = run(evaluator, List.of(notJson, event(21, "alice", "e-2", "nobody"),
                event(22, "alice", "e-3", "buggy"), event(23, "alice", "e-4")));

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("dead", "dead", "dead", "decisions");
        assertThat(producer.history().subList(0, 3)).extracting(record -> header(record, StreamOutputs.DEAD_REASON))
                .containsExactly("invalid-event", "unknown-pipeline", "evaluation-failed");
        ProducerRecord<String, byte[]> dead = producer.history().getFirst();
        assertThat(dead.key()).isEqualTo("alice");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, "trace")).isEqualTo("t-1");
        assertThat(header(dead, StreamOutputs.SOURCE)).isEqualTo("events-3@20");
        assertThat(header(dead, StreamOutputs.DEAD_DETAIL)).startsWith("the value is not JSON");
        assertThat(result.nextOffset()).isEqualTo(24);
        assertThat(result.outage()).isEmpty();
        assertThat(result.deadLettered()).isEqualTo(3);
        assertThat(result.evaluated()).isEqualTo(1);
    }

    @Test
    void anEvaluationOutageStopsThePartitionAtTheEventItHit() {
        AtomicInteger calls = new AtomicInteger();
        EventEvaluator failingSecond = (pipeline, request) -> {
            if (calls.incrementAndGet() == 2) {
                throw new DecisionNotRecordedException("the audit log is behind");
            }
            return evaluation(pipeline, request);
        };

        PartitionResult result = run(failingSecond, List.of(event(5, "a", "e-1"), event(6, "a", "e-2"),
                event(7, "a", "e-3")));

        assertThat(producer.history()).hasSize(1);
        assertThat(result.nextOffset()).isEqualTo(6);
        assertThat(result.outage()).hasValueSatisfying(why -> assertThat(why).contains("offset 6", "audit log"));
        assertThat(result.evaluated()).isEqualTo(1);
    }

    @Test
    void anOutputKafkaDidNotTakeStopsThePartitionAtItsRecord() {
        MockProducer<String, byte[]> manual = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        PartitionRun run = new PartitionRun(ALLOW, new StreamOutputs(manual, "decisions", "dead"), "acme", () -> true);
        CompletableFuture<PartitionResult> result = CompletableFuture.supplyAsync(() -> run.run(PARTITION,
                List.of(event(0, "a", "e-1"), event(1, "b", "e-2"), event(2, "c", "e-3"))));
        await().until(() -> manual.history().size() == 3);

        manual.completeNext();
        manual.errorNext(new TimeoutException("no leader"));
        manual.completeNext();

        assertThat(result.join().nextOffset()).isEqualTo(1);
        assertThat(result.join().outage()).hasValueSatisfying(why -> assertThat(why).contains("no leader"));
        assertThat(result.join().evaluated()).isEqualTo(1);
    }

    @Test
    void closingStopsBetweenRecordsAndKeepsWhatIsDone() {
        AtomicInteger handled = new AtomicInteger();
        EventEvaluator counting = (pipeline, request) -> {
            handled.incrementAndGet();
            return evaluation(pipeline, request);
        };
        PartitionRun run = new PartitionRun(counting, new StreamOutputs(producer, "decisions", "dead"), "acme",
                () -> handled.get() < 2);

        PartitionResult result = run.run(PARTITION, List.of(event(0, "a", "e-1"), event(1, "a", "e-2"),
                event(2, "a", "e-3")));

        assertThat(result.nextOffset()).isEqualTo(2);
        assertThat(result.outage()).isEmpty();
    }

    @Test
    void onlyADependencyBeingDownIsAnOutage() {
        assertThat(Outages.isOutage(new DecisionNotRecordedException("behind"))).isTrue();
        assertThat(Outages.isOutage(new TimeoutException("no broker"))).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("a bug"))).isFalse();
    }

    private PartitionResult run(EventEvaluator evaluator, List<ConsumerRecord<String, byte[]>> records) {
        return new PartitionRun(evaluator, new StreamOutputs(producer, "decisions", "dead"), "acme", () -> true)
                .run(PARTITION, new ArrayList<>(records));
    }

    private static Evaluation evaluation(String pipeline, EvaluationRequest request) {
        return new Evaluation(DecisionIds.of(request.tenant(), pipeline, request.requestId()), pipeline,
                request.subject(), Decision.ALLOW, 0.0, List.of(), List.of(), 0.1);
    }

    private static ConsumerRecord<String, byte[]> event(long offset, String subject, String id) {
        return event(offset, subject, id, "login-risk");
    }

    private static ConsumerRecord<String, byte[]> event(long offset, String subject, String id, String pipeline) {
        return record(offset, subject, """
                {"id": "%s", "pipeline": "%s", "subject": "%s", "event": {}}""".formatted(id, pipeline, subject));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key, String value) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, key,
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
