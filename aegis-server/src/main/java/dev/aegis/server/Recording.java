package dev.aegis.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.DecisionRecorder;
import dev.aegis.core.audit.TaskAudit;
import dev.aegis.core.audit.file.FileAuditLog;
import dev.aegis.core.audit.file.RetentionReport;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.IndexSection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node records: the audit trail over the file log (or off), the metadata index, the recorder that feeds
 * both every decision, and the housekeeping that ages them (archive and delete audit days; drop expired index
 * days), each run itself recorded. Closing drains the index and the trail.
 */
final class Recording implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
    /** The tenant of records about the node as a whole, which no tenant's name can equal. */
    private static final String NODE = "*";
    private static final String ACTOR = "aegis/node";
    private static final int INDEX_QUEUE = 65_536;
    private static final int INDEX_BATCH = 4_096;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final AuditTrail trail;
    private final Optional<FileAuditLog> files;
    private final Optional<MetadataIndex> index;
    private final DecisionRecorder decisions;
    private final ScheduledExecutorService housekeeping;
    private final TimeSource time;

    private Recording(AuditTrail trail, Optional<FileAuditLog> files, Optional<MetadataIndex> index,
            DecisionRecorder decisions, TimeSource time) {
        this.trail = trail;
        this.files = files;
        this.index = index;
        this.decisions = decisions;
        this.time = time;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aegis-housekeeping").daemon(true).factory());
    }

    static Recording start(AegisConfig config, TimeSource time, MeterRegistry meters) {
        Optional<FileAuditLog> files = AuditLogs.open(config.audit(), config.server().dataDir(), time);
        AuditTrail trail = files.map(log -> AuditTrail.start(log, AuditLogs.trailSettings(config.audit()), meters))
                .orElseGet(AuditTrail::off);
        try {
            IndexSection indexing = config.index();
            Optional<MetadataIndex> index = MetadataIndexes.open(indexing, config.cluster(),
                    config.server().dataDir());
            DecisionRecorder decisions = DecisionRecorder.start(trail, index,
                    new DecisionRecorder.Settings(INDEX_QUEUE, INDEX_BATCH, indexing.linger(), CLOSE_GRACE,
                            indexing.regionField()),
                    time, meters);
            Recording recording = new Recording(trail, files, index, decisions, time);
            recording.scheduleHousekeeping(config);
            return recording;
        } catch (RuntimeException e) {
            trail.close();
            throw e;
        }
    }

    AuditTrail trail() {
        return trail;
    }

    Optional<MetadataIndex> index() {
        return index;
    }

    DecisionRecorder decisions() {
        return decisions;
    }

    TaskAudit tasks() {
        return new TaskAudit(trail);
    }

    /** Records that the node started with this configuration ({@code config.loaded}) and made these keys. */
    void started(AegisConfig config, ApiKeys keys) {
        ObjectNode loaded = details().put("sha256", config.fingerprint())
                .put("config_directory", config.configDirectory().toString());
        keys.all().forEach(key -> loaded.withArray("keys").add(key.actor()));
        node("config.loaded", "config", loaded);
        for (ApiKeys.Created created : keys.created()) {
            ObjectNode key = details().put("source", created.source());
            created.key().roles().forEach(role -> key.withArray("roles").add(role.name().toLowerCase(Locale.ROOT)));
            record(new AuditEvent(time.now(), created.key().tenant(), ACTOR, Optional.empty(), "key.created",
                    created.key().actor(), key));
        }
    }

    private void scheduleHousekeeping(AegisConfig config) {
        files.ifPresent(log -> every(config.audit().retentionCheck(), () -> {
            RetentionReport report = log.enforceRetention(AuditLogs.retention(config.audit()), time.now());
            if (!report.archived().isEmpty() || !report.deleted().isEmpty()) {
                node("audit.retention", "audit", details()
                        .put("archived_days", report.archived().size())
                        .put("deleted_days", report.deleted().size()));
            }
        }));
        index.ifPresent(store -> every(config.index().expireCheck(), () -> {
            int dropped = store.expire(time.now());
            if (dropped > 0) {
                node("index.expired", "index", details().put("days_dropped", dropped));
            }
        }));
    }

    private void every(Duration period, Runnable chore) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                LOG.warn("housekeeping failed; it runs again in {}: {}", period, e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void node(String action, String resource, ObjectNode details) {
        record(new AuditEvent(time.now(), NODE, ACTOR, Optional.empty(), action, resource, details));
    }

    private void record(AuditEvent event) {
        trail.record(() -> event);
    }

    private static ObjectNode details() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Stops the housekeeping, indexes and appends what was handed over, then closes the index and the log. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        decisions.close();
        trail.close();
    }
}
