package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLog;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditRecord;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.time.TimeSource;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The embedded {@link AuditLog}: hash-chained JSON lines in segment files under one folder per UTC day, each
 * closed segment sealed, HEAD naming the end of the chain, old days gzipped into an archive tier and later
 * deleted by {@link #enforceRetention}. Appends hold a lock; verification and retention run beside them and read
 * the open segment only as far as it reached when they began.
 *
 * <p>A record goes to the folder of its UTC day, or to the open segment's folder when that day is later: folders
 * never go back in time, so a record stamped just before midnight that arrives after it is filed under the next
 * day, and a range verification, which walks the folders of the days it touches, counts it only if it covers that
 * day.
 *
 * <p>When an append fails, the open segment is cut back to where the append began, unless the append crossed
 * into a new segment, and the next call takes up the chain from what is on disk.
 */
public final class FileAuditLog implements AuditLog {

    private final Layout layout;
    private final FileAuditSettings settings;
    private final TimeSource time;
    private final Object tiers = new Object();
    private ChainWriter writer;
    private boolean closed;

    private FileAuditLog(Layout layout, FileAuditSettings settings, TimeSource time, ChainWriter writer) {
        this.layout = layout;
        this.settings = settings;
        this.time = time;
        this.writer = writer;
    }

    /**
     * Opens the log of {@code settings.environment()} under {@code settings.root()}, creating it when absent and
     * otherwise continuing its chain: a torn last line is cut off and a segment left open is sealed.
     *
     * @param time the clock that paces {@link SyncPolicy#INTERVAL}
     * @throws AuditLogException when the folder cannot be written or the end of the chain cannot be read
     */
    public static FileAuditLog open(FileAuditSettings settings, TimeSource time) {
        Layout layout = new Layout(settings.root(), settings.environment());
        try {
            return new FileAuditLog(layout, settings, time, ChainWriter.open(layout, settings, time));
        } catch (IOException e) {
            throw new AuditLogException("cannot open the audit log in " + layout.hot(), e);
        }
    }

    @Override
    public synchronized List<AuditRecord> append(List<AuditEvent> events) {
        try {
            return writer().append(events);
        } catch (IOException e) {
            if (writer != null) {
                writer.abandon();
                writer = null;
            }
            throw new AuditLogException("cannot append " + events.size() + " audit events to " + layout.hot(), e);
        }
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        synchronized (tiers) {
            try {
                return new ChainVerifier(layout, snapshot()).verify(range);
            } catch (IOException e) {
                throw new AuditLogException("cannot read the audit log in " + layout.hot(), e);
            }
        }
    }

    /**
     * Checks the chain of a log from its files alone, without opening it for appends (nothing is sealed, cut or
     * written): safe beside a node that is appending to it; a record it is writing at that moment is left out.
     *
     * @throws AuditLogException when the files cannot be read
     */
    public static AuditVerification verifyFiles(FileAuditSettings settings, AuditRange range) {
        Layout layout = new Layout(settings.root(), settings.environment());
        try {
            return new ChainVerifier(layout, FileSnapshot.of(layout)).verify(range);
        } catch (IOException e) {
            throw new AuditLogException("cannot read the audit log in " + layout.hot(), e);
        }
    }

    /**
     * Moves every day that is due to its next tier: gzipped into the archive {@code archiveAfter} after the day
     * ended, deleted {@code deleteAfter} after it ended. Verification of what remains still holds.
     *
     * @param now the time the ages are measured from
     * @throws AuditLogException when a file cannot be moved or removed; what was done stays done
     */
    public RetentionReport enforceRetention(AuditRetention retention, Instant now) {
        synchronized (tiers) {
            try {
                return new RetentionTiers(layout, snapshot()).enforce(retention, now);
            } catch (IOException e) {
                throw new AuditLogException("cannot move old audit days of " + layout.hot() + " between tiers", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new AuditLogException("cannot close the audit log in " + layout.hot(), e);
        }
    }

    private synchronized WriterSnapshot snapshot() throws IOException {
        return writer().snapshot();
    }

    private ChainWriter writer() throws IOException {
        if (closed) {
            throw new IllegalStateException("the audit log in " + layout.hot() + " is closed");
        }
        if (writer == null) {
            writer = ChainWriter.open(layout, settings, time);
        }
        return writer;
    }
}
