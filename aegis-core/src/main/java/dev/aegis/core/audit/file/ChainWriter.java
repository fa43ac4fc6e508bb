package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditRecord;
import dev.aegis.api.time.TimeSource;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends records to the open segment, rolls to a new one when the day changes or the segment is full (sealing
 * the old one and writing HEAD), and forces by the sync policy. Not thread-safe: {@link FileAuditLog} holds the
 * lock. A segment's day folder never goes back: a record stamped before the open segment's day stays there.
 */
final class ChainWriter {

    private final Layout layout;
    private final FileAuditSettings settings;
    private final TimeSource time;
    private final LineEncoder encoder;
    private final ChainPointFile head;
    private ChainPoint tail;
    private LocalDate newestDay;
    private SegmentFile open;
    private long lastSyncNanos;

    private ChainWriter(Layout layout, FileAuditSettings settings, TimeSource time, LineEncoder encoder,
            TailRecovery.Tail recovered) {
        this.layout = layout;
        this.settings = settings;
        this.time = time;
        this.encoder = encoder;
        this.head = new ChainPointFile(layout.head());
        this.tail = recovered.point();
        this.newestDay = recovered.newestDay().orElse(LocalDate.MIN);
        this.lastSyncNanos = time.nanoTime();
    }

    /** Recovers the end of the chain from disk and gets ready to append after it. */
    static ChainWriter open(Layout layout, FileAuditSettings settings, TimeSource time) throws IOException {
        LineEncoder encoder = new LineEncoder();
        return new ChainWriter(layout, settings, time, encoder, new TailRecovery(layout, encoder).recover());
    }

    /** Appends the events; on failure cuts the open segment back to where it was, when the batch stayed in it. */
    List<AuditRecord> append(List<AuditEvent> events) throws IOException {
        SegmentFile before = open;
        long sizeBefore = before == null ? 0 : before.size();
        try {
            return write(events);
        } catch (IOException failure) {
            encoder.buffer().reset();
            if (before != null && before == open) {
                cutBack(sizeBefore, failure);
            }
            throw failure;
        }
    }

    WriterSnapshot snapshot() throws IOException {
        Optional<SegmentFile> segment = Optional.ofNullable(open);
        return new WriterSnapshot(segment.map(SegmentFile::path), segment.map(SegmentFile::size).orElse(0L),
                tail.sequence(), head.read());
    }

    /** Forces what was written and records the end of the chain in HEAD. */
    void close() throws IOException {
        if (open != null) {
            open.force();
            open.close();
            open = null;
        }
        head.write(tail);
    }

    /** Lets the open file go without writing HEAD, after a failure left the state in doubt. */
    void abandon() {
        try {
            if (open != null) {
                open.close();
            }
        } catch (IOException ignored) {
            // the next writer recovers from what is on disk
        }
    }

    private List<AuditRecord> write(List<AuditEvent> events) throws IOException {
        List<AuditRecord> records = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
            if (mustRoll(day)) {
                roll(day);
            }
            long sequence = tail.sequence() + 1;
            String hash = encoder.record(sequence, event, tail.hash());
            records.add(new AuditRecord(sequence, event, tail.hash(), hash));
            tail = new ChainPoint(sequence, hash);
        }
        if (open != null) {
            open.write(encoder.buffer());
            sync();
        }
        return records;
    }

    private boolean mustRoll(LocalDate day) {
        return open == null || day.isAfter(open.day())
                || open.size() + encoder.buffer().size() >= settings.segmentBytes();
    }

    private void roll(LocalDate day) throws IOException {
        if (open != null) {
            seal();
        }
        newestDay = day.isAfter(newestDay) ? day : newestDay;
        open = SegmentFile.create(layout, newestDay, tail.sequence() + 1);
    }

    private void seal() throws IOException {
        encoder.seal(tail, tail.sequence() - open.firstSequence() + 1);
        open.write(encoder.buffer());
        open.force();
        open.close();
        open = null;
        head.write(tail);
    }

    private void sync() throws IOException {
        switch (settings.sync()) {
            case BATCH -> open.force();
            case INTERVAL -> {
                long now = time.nanoTime();
                if (now - lastSyncNanos >= settings.syncInterval().toNanos()) {
                    open.force();
                    lastSyncNanos = now;
                }
            }
            case NONE -> {
                // the operating system writes it back; seal and close force
            }
        }
    }

    private void cutBack(long size, IOException failure) {
        try {
            open.truncate(size);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
