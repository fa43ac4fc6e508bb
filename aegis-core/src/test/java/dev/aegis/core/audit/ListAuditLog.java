package dev.aegis.core.audit;

import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLog;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditRecord;
import dev.aegis.api.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An audit log that keeps its events in a list, for tests of what is handed to a log; it can be told to fail and
 * to hold appends until released. It keeps no chain: the file log's contract suite tests chains.
 */
final class ListAuditLog implements AuditLog {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger appends = new AtomicInteger();
    volatile boolean holding;

    @Override
    public List<AuditRecord> append(List<AuditEvent> batch) {
        while (holding) {
            Thread.onSpinWait();
        }
        appends.incrementAndGet();
        if (failing.get()) {
            throw new AuditLogException("disk full", null);
        }
        List<AuditRecord> records = new ArrayList<>();
        for (AuditEvent event : batch) {
            events.add(event);
            records.add(new AuditRecord(events.size(), event, "0".repeat(64), "0".repeat(64)));
        }
        return records;
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        return new AuditVerification(events.stream().filter(event -> range.contains(event.time())).count(),
                Optional.empty());
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
