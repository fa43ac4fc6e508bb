package dev.aegis.core.audit;

import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLog;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The node's way into the audit log: callers hand over entries without waiting, and one writer thread appends
 * everything that arrived meanwhile as one group (one write, one sync). An entry is turned into its
 * {@link AuditEvent} on the writer thread, so a request pays only for the hand-over. What was handed over before
 * {@link #close()} is in the log when close returns.
 *
 * <pre>{@code
 * AuditTrail trail = AuditTrail.start(log, AuditTrail.Settings.defaults(), meters);
 * trail.record(() -> event);
 * }</pre>
 */
public final class AuditTrail implements AutoCloseable {

    private final Optional<AuditLog> log;
    private final Optional<GroupCommitWriter<Entry>> writer;
    private final Duration patience;

    private AuditTrail(Optional<AuditLog> log, Optional<GroupCommitWriter<Entry>> writer, Duration patience) {
        this.log = log;
        this.writer = writer;
        this.patience = patience;
    }

    /** An event to append, built only when the writer gets to it. */
    @FunctionalInterface
    public interface Entry {
        AuditEvent event();
    }

    /**
     * How many entries may wait (beyond it, {@link #hasRoom()} is false and {@link #record} waits up to
     * {@code patience}), how many one append takes at most, how long the writer lingers after the first entry of a
     * group for more (one append and one sync per linger under light load), and how long closing retries a
     * failing log.
     */
    public record Settings(int capacity, int maxBatch, Duration linger, Duration patience, Duration closeGrace) {

        public static Settings defaults() {
            return new Settings(65_536, 4_096, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    /** Starts the writer thread over {@code log}; the trail owns the log and closes it. */
    public static AuditTrail start(AuditLog log, Settings settings, MeterRegistry meters) {
        GroupCommitWriter<Entry> writer = new GroupCommitWriter<>("audit",
                new GroupCommitWriter.Settings(settings.capacity(), settings.maxBatch(), settings.linger(),
                        settings.closeGrace()),
                entries -> log.append(events(entries)), meters);
        return new AuditTrail(Optional.of(log), Optional.of(writer), settings.patience());
    }

    /** A trail that records nothing, for a node whose audit log is switched off. */
    public static AuditTrail off() {
        return new AuditTrail(Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    /** Whether entries are recorded at all. */
    public boolean enabled() {
        return log.isPresent();
    }

    /** Whether an entry handed over now would be taken at once. */
    public boolean hasRoom() {
        return writer.map(GroupCommitWriter::hasRoom).orElse(true);
    }

    /**
     * Hands an entry to the writer.
     *
     * @throws AuditLogException when the writer stayed full for the trail's patience, or is closed
     */
    public void record(Entry entry) {
        if (writer.isPresent() && !writer.get().offer(entry, patience)) {
            throw new AuditLogException("the audit log is " + writer.get().backlog()
                    + " records behind (is its disk slow or full?); nothing was recorded", null);
        }
    }

    /** Completes once every entry handed over so far is in the log. */
    public CompletableFuture<Void> written() {
        return writer.map(queue -> queue.written(patience)).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /**
     * Checks the chain over the range.
     *
     * @throws IllegalStateException when the trail is off
     */
    public AuditVerification verify(AuditRange range) {
        return log.orElseThrow(() -> new IllegalStateException("the audit log is off")).verify(range);
    }

    /** Appends what was handed over, then closes the log. */
    @Override
    public void close() {
        writer.ifPresent(GroupCommitWriter::close);
        log.ifPresent(AuditLog::close);
    }

    private static List<AuditEvent> events(List<Entry> entries) {
        List<AuditEvent> events = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            events.add(entry.event());
        }
        return events;
    }
}
