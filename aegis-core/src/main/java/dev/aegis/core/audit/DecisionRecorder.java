package dev.aegis.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Records every decision twice, both off the request path: in full in the audit log, which proves it, and as a
 * summary in the metadata index, which answers "the last decisions of subject X". The audit log is the record:
 * when it cannot keep up, decisions are refused (503) rather than made unrecorded. The index is a view that may
 * be rebuilt: when its writer is full, the summary is dropped and counted in {@code aegis.index.dropped}.
 */
public final class DecisionRecorder implements DecisionListener, AutoCloseable {

    /** How long {@link #recorded()} waits for room in a full index queue. */
    private static final Duration INDEX_PATIENCE = Duration.ofSeconds(1);

    private final AuditTrail trail;
    private final Optional<GroupCommitWriter<DecisionSummary>> index;
    private final Optional<MetadataIndex> indexStore;
    private final String regionField;
    private final TimeSource time;
    private final Counter dropped;

    private DecisionRecorder(AuditTrail trail, Optional<MetadataIndex> indexStore, Settings settings,
            TimeSource time, MeterRegistry meters) {
        this.trail = trail;
        this.indexStore = indexStore;
        this.index = indexStore.map(store -> new GroupCommitWriter<>("index",
                new GroupCommitWriter.Settings(settings.capacity(), settings.maxBatch(), settings.linger(),
                        settings.closeGrace()),
                store::record, meters));
        this.regionField = settings.regionField();
        this.time = time;
        this.dropped = Counter.builder("aegis.index.dropped")
                .description("Decision summaries not indexed because the index writer was full").register(meters);
    }

    /**
     * The index writer's queue and batch size, how long it lingers after the first summary of a batch for more
     * (one commit per linger under light load), how long closing retries a failing index, and the event field
     * that names a decision's region.
     */
    public record Settings(int capacity, int maxBatch, Duration linger, Duration closeGrace, String regionField) {

        public static Settings defaults() {
            return new Settings(65_536, 4_096, Duration.ofMillis(100), Duration.ofSeconds(10), "region");
        }
    }

    /**
     * Records into {@code trail} and, when present, {@code index}, which the recorder then owns and closes; the
     * trail is shared and closed by its owner.
     */
    public static DecisionRecorder start(AuditTrail trail, Optional<MetadataIndex> index, Settings settings,
            TimeSource time, MeterRegistry meters) {
        return new DecisionRecorder(trail, index, settings, time, meters);
    }

    @Override
    public boolean accepting() {
        return trail.hasRoom();
    }

    @Override
    public void decided(EvaluationRequest request, Evaluation evaluation) {
        Instant at = time.now();
        try {
            trail.record(() -> AuditEvents.decision(request, evaluation, at));
        } catch (AuditLogException e) {
            throw new DecisionNotRecordedException(e.getMessage());
        }
        if (index.isPresent() && !index.get().offer(summary(request, evaluation, at), Duration.ZERO)) {
            dropped.increment();
        }
    }

    /** Completes once every decision handed over so far is in the audit log and, unless dropped, in the index. */
    @Override
    public CompletableFuture<Void> recorded() {
        CompletableFuture<Void> audited = trail.written();
        return index.map(writer -> CompletableFuture.allOf(audited, writer.written(INDEX_PATIENCE))).orElse(audited);
    }

    private DecisionSummary summary(EvaluationRequest request, Evaluation evaluation, Instant at) {
        JsonNode region = request.event() == null ? null : request.event().get(regionField);
        return new DecisionSummary(request.tenant(), evaluation.subject(), at, evaluation.id(), evaluation.pipeline(),
                evaluation.decision().name(), evaluation.score(),
                region != null && region.isTextual() ? Optional.of(region.textValue()) : Optional.empty(),
                evaluation.reasons());
    }

    /** Indexes what was handed over, then closes the index. */
    @Override
    public void close() {
        index.ifPresent(GroupCommitWriter::close);
        indexStore.ifPresent(MetadataIndex::close);
    }
}
