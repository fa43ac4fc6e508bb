package dev.aegis.kafka.stream;

import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.UnknownPipelineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one partition's records of a poll, in offset order: each event is evaluated and its decision sent, each
 * record that is not a usable event is dead-lettered. An outage (evaluation or send) stops the partition at the
 * record it hit; so does the stream closing, between records. Then it waits for Kafka to acknowledge what was
 * sent, in order, and reports up to where the partition is done.
 */
final class PartitionRun {

    static final String ACTOR = "aegis/stream";
    /** How long a run waits for its decisions to be recorded before it counts as an outage. */
    private static final Duration RECORD_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRun.class);

    private final EventEvaluator evaluator;
    private final StreamOutputs outputs;
    private final String tenant;
    private final BooleanSupplier running;

    PartitionRun(EventEvaluator evaluator, StreamOutputs outputs, String tenant, BooleanSupplier running) {
        this.evaluator = evaluator;
        this.outputs = outputs;
        this.tenant = tenant;
        this.running = running;
    }

    PartitionResult run(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        List<StreamOutputs.Sent> sent = new ArrayList<>(records.size());
        long first = records.getFirst().offset();
        long next = first;
        Optional<String> outage = Optional.empty();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running.getAsBoolean()) {
                break;
            }
            try {
                sent.add(handle(record));
                next = record.offset() + 1;
            } catch (RuntimeException e) {
                outage = Optional.of("offset " + record.offset() + ": " + e.getMessage());
                break;
            }
        }
        return recorded(acknowledged(new PartitionResult(partition, first, next, outage, 0, 0), sent));
    }

    /**
     * The result once its decisions are in the audit log and the index for good; when they cannot be, nothing of
     * the run counts as done, and its events are evaluated again (under the same decision ids).
     */
    private PartitionResult recorded(PartitionResult result) {
        if (result.evaluated() == 0) {
            return result;
        }
        try {
            evaluator.recorded().get(RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return result;
        } catch (ExecutionException | TimeoutException e) {
            return PartitionResult.failed(result.partition(), result.firstOffset(),
                    "decisions not recorded: " + (e instanceof ExecutionException ? e.getCause() : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PartitionResult.failed(result.partition(), result.firstOffset(), "interrupted while recording");
        }
    }

    private StreamOutputs.Sent handle(ConsumerRecord<String, byte[]> record) {
        return switch (EventDecoder.decode(record.key(), record.value())) {
            case Decoded.Rejection rejection -> outputs.deadLetter(record, rejection);
            case Decoded.StreamEvent event -> evaluate(record, event);
        };
    }

    /** Evaluates; an outage is thrown on, anything else that fails dead-letters the record. */
    private StreamOutputs.Sent evaluate(ConsumerRecord<String, byte[]> record, Decoded.StreamEvent event) {
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(event.pipeline(), event.request(tenant, ACTOR));
        } catch (UnknownPipelineException e) {
            return outputs.deadLetter(record, new Decoded.Rejection(DeadLetterReason.UNKNOWN_PIPELINE,
                    e.getMessage()));
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            LOG.error("evaluating event {} ({}-{}@{}) failed; it goes to the dead-letter topic", event.id(),
                    record.topic(), record.partition(), record.offset(), e);
            return outputs.deadLetter(record, new Decoded.Rejection(DeadLetterReason.EVALUATION_FAILED,
                    e.toString()));
        }
        return outputs.decision(record.offset(), event, evaluation);
    }

    /** Waits for each acknowledgement in order; the first one missing ends what is done. */
    private static PartitionResult acknowledged(PartitionResult planned, List<StreamOutputs.Sent> sent) {
        int evaluated = 0;
        int deadLettered = 0;
        for (StreamOutputs.Sent one : sent) {
            Optional<String> failure = failure(one);
            if (failure.isPresent()) {
                return new PartitionResult(planned.partition(), planned.firstOffset(), one.offset(), failure,
                        evaluated, deadLettered);
            }
            evaluated += one.outcome() == Outcome.EVALUATED ? 1 : 0;
            deadLettered += one.outcome() == Outcome.DEAD_LETTERED ? 1 : 0;
        }
        return new PartitionResult(planned.partition(), planned.firstOffset(), planned.nextOffset(), planned.outage(),
                evaluated, deadLettered);
    }

    private static Optional<String> failure(StreamOutputs.Sent sent) {
        try {
            sent.ack().get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of("offset " + sent.offset() + ": Kafka did not take its output: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("offset " + sent.offset() + ": interrupted while waiting for Kafka");
        }
    }
}
