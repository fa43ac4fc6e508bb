package dev.aegis.kafka.stream;

import dev.aegis.api.time.TimeSource;
import dev.aegis.kafka.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's member of the stream's consumer group ({@code <prefix>stream}): reads events keyed by subject from
 * {@code <prefix>events}, evaluates each, and writes its decision, keyed by subject, to {@code <prefix>decisions};
 * a record that is not a usable event goes to {@code <prefix>events.dead}. Per subject, decisions leave in the
 * order the events came; each event is answered at least once, and an answer repeated after a crash carries the
 * same event id and decision id (docs/streaming.md).
 *
 * <pre>{@code
 * StreamEvaluator stream = StreamEvaluator.start(kafka, StreamSettings.defaults("acme"),
 *         EventEvaluator.recorded(pipelines, agents, recorder, meters, time), meters, time);
 * ...
 * stream.close();
 * }</pre>
 */
public final class StreamEvaluator implements AutoCloseable {

    static final String EVENTS = "events";
    static final String DECISIONS = "decisions";
    static final String DEAD_LETTERS = "events.dead";
    static final String GROUP = "stream";
    private static final Logger LOG = LoggerFactory.getLogger(StreamEvaluator.class);
    private static final Duration CLOSE_SLACK = Duration.ofSeconds(10);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService runs;
    private final StreamMeters meters;
    private final Thread poller;
    private final Duration timeout;

    private StreamEvaluator(KafkaSettings kafka, StreamSettings stream, EventEvaluator evaluator,
            MeterRegistry registry, TimeSource time, String client) {
        this.timeout = kafka.timeout();
        this.producer = new KafkaProducer<>(producerProperties(kafka, client));
        this.runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("aegis-stream-run-", 0).factory());
        this.meters = new StreamMeters(registry, kafka.name(EVENTS));
        StreamOutputs outputs = new StreamOutputs(producer, kafka.name(DECISIONS), kafka.name(DEAD_LETTERS));
        PollLoop loop = new PollLoop(new KafkaConsumer<>(consumerProperties(kafka, stream, client)),
                kafka.name(EVENTS), new PartitionRun(evaluator, outputs, stream.tenant(), running::get), runs,
                new RetryBackoff(stream.retryInitial(), stream.retryMax(), time), meters, timeout, running::get);
        this.poller = Thread.ofPlatform().name("aegis-stream-poll")
                .uncaughtExceptionHandler((thread, e) -> LOG.error("the stream consumer stopped", e))
                .unstarted(loop);
    }

    /**
     * Creates the three topics where missing, joins the group and starts consuming.
     *
     * @throws dev.aegis.kafka.KafkaUnavailableException when Kafka does not answer within its timeout
     */
    public static StreamEvaluator start(KafkaSettings kafka, StreamSettings stream, EventEvaluator evaluator,
            MeterRegistry meters, TimeSource time) {
        try (Admin admin = kafka.admin()) {
            kafka.createTopics(admin, List.of(kafka.name(EVENTS), kafka.name(DECISIONS), kafka.name(DEAD_LETTERS)));
        }
        String client = "aegis-stream-" + UUID.randomUUID().toString().substring(0, 8);
        StreamEvaluator evaluatorOnKafka = new StreamEvaluator(kafka, stream, evaluator, meters, time, client);
        evaluatorOnKafka.poller.start();
        return evaluatorOnKafka;
    }

    /**
     * Stops between records: what was answered is committed, the consumer leaves its group (its partitions go to
     * the other nodes at once), the producer sends what it holds. Idempotent.
     */
    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        awaitPoller();
        runs.close();
        producer.close(timeout);
        meters.close();
    }

    private void awaitPoller() {
        try {
            poller.join(timeout.multipliedBy(3).plus(CLOSE_SLACK));
            if (poller.isAlive()) {
                LOG.warn("the stream consumer did not stop in time; interrupting it");
                poller.interrupt();
                poller.join(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request in flight per broker: a retried request can then never be overtaken by the next one. With more,
     * a request that reaches a partition the broker has not finished creating fails, the next is appended, and the
     * first then fails for good (KAFKA-15591): one subject's decisions would leave out of order. The stream waits
     * for a whole poll's acknowledgements anyway, so deeper pipelining would buy little.
     */
    private static Map<String, Object> producerProperties(KafkaSettings kafka, String client) {
        Map<String, Object> properties = kafka.producerProperties(client);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return properties;
    }

    private static Map<String, Object> consumerProperties(KafkaSettings kafka, StreamSettings stream,
            String client) {
        Map<String, Object> properties = kafka.consumerProperties(client, kafka.name(GROUP));
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, stream.batch());
        return properties;
    }
}
