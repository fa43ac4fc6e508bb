package dev.aegis.core.audit.file;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Moves the days of a log through its tiers: a day whose end lies {@code archiveAfter} back is gzipped into the
 * archive, one {@code deleteAfter} back leaves the log, after ANCHOR records where the remaining chain starts. The
 * open segment is never touched.
 */
final class RetentionTiers {

    private final Layout layout;
    private final WriterSnapshot snapshot;
    private final SegmentArchive archive;
    private final LineParser parser = new LineParser();

    RetentionTiers(Layout layout, WriterSnapshot snapshot) {
        this.layout = layout;
        this.snapshot = snapshot;
        this.archive = new SegmentArchive(layout);
    }

    RetentionReport enforce(AuditRetention retention, Instant now) throws IOException {
        NavigableMap<LocalDate, List<Segment>> days = settledDays();
        List<LocalDate> deleted = due(days, retention.deleteAfter(), now);
        if (!deleted.isEmpty()) {
            new ChainPointFile(layout.anchor()).write(endOf(days.get(deleted.getLast()).getLast()));
            for (LocalDate day : deleted) {
                deleteDay(days.remove(day));
            }
        }
        List<LocalDate> archived = new ArrayList<>();
        for (LocalDate day : due(days, retention.archiveAfter(), now)) {
            if (archiveDay(days.get(day))) {
                archived.add(day);
            }
        }
        return new RetentionReport(archived, deleted);
    }

    private NavigableMap<LocalDate, List<Segment>> settledDays() throws IOException {
        NavigableMap<LocalDate, List<Segment>> days = new TreeMap<>();
        for (Segment segment : SegmentIndex.scan(layout)) {
            if (snapshot.settled(segment)) {
                days.computeIfAbsent(segment.day(), day -> new ArrayList<>()).add(segment);
            }
        }
        return days;
    }

    private static List<LocalDate> due(NavigableMap<LocalDate, List<Segment>> days, Duration after, Instant now) {
        return days.keySet().stream()
                .filter(day -> !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(after).isAfter(now))
                .toList();
    }

    private ChainPoint endOf(Segment segment) throws IOException {
        byte[] last = SegmentReader.lastLine(segment, Long.MAX_VALUE).orElse(new byte[0]);
        if (parser.parse(last, 0, last.length) instanceof Line.Seal seal && seal.intact()) {
            return new ChainPoint(seal.sequence(), seal.last());
        }
        throw new IOException("cannot delete old audit days: " + segment.path() + " does not end with a sound seal");
    }

    private void deleteDay(List<Segment> segments) throws IOException {
        for (Segment segment : segments) {
            archive.delete(segment);
        }
    }

    private boolean archiveDay(List<Segment> segments) throws IOException {
        boolean moved = false;
        for (Segment segment : segments) {
            if (!segment.archived()) {
                archive.archive(segment);
                moved = true;
            }
        }
        return moved;
    }
}
