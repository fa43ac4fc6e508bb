package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.audit.AuditVerification.BadRecord;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Walks the segments of the days a range touches in sequence order and checks every line: its hash, its sequence,
 * its link to the record before, each seal; then the link in from the segment before (its seal only), the link out
 * to the segment after (its first record only) and, for a range open at the end, HEAD.
 */
final class ChainVerifier {

    private final Layout layout;
    private final WriterSnapshot snapshot;
    private final LineParser parser = new LineParser();
    private String endLocation;

    ChainVerifier(Layout layout, WriterSnapshot snapshot) {
        this.layout = layout;
        this.snapshot = snapshot;
        this.endLocation = layout.location(layout.head());
    }

    AuditVerification verify(AuditRange range) throws IOException {
        Optional<ChainPoint> anchor = new ChainPointFile(layout.anchor()).read();
        List<Segment> segments = segmentsAfter(anchor.orElse(ChainPoint.GENESIS));
        int first = firstOnOrAfter(segments, range.from());
        int last = lastOnOrBefore(segments, range.to());
        ChainWalk walk = new ChainWalk(range, snapshot.head());
        Optional<BadRecord> bad = enter(walk, segments, first, anchor);
        for (int i = first; bad.isEmpty() && i <= last; i++) {
            bad = walkSegment(walk, segments.get(i), i == segments.size() - 1);
        }
        if (bad.isEmpty() && last + 1 < segments.size()) {
            bad = leave(walk, segments.get(last + 1));
        }
        if (bad.isEmpty() && range.to().isEmpty()) {
            bad = walk.endProblem(snapshot.lastSequence(), endLocation, layout.location(layout.head()));
        }
        return new AuditVerification(walk.counted(), bad);
    }

    /** The segments after the anchor (a deletion may have stopped before the last) that existed at the snapshot. */
    private List<Segment> segmentsAfter(ChainPoint anchor) throws IOException {
        return SegmentIndex.scan(layout).stream().filter(segment -> segment.firstSequence() > anchor.sequence()
                && segment.firstSequence() <= snapshot.lastSequence()).toList();
    }

    private Optional<BadRecord> enter(ChainWalk walk, List<Segment> segments, int first,
            Optional<ChainPoint> anchor) throws IOException {
        if (first == 0) {
            walk.startAfter(anchor.orElse(ChainPoint.GENESIS));
            return Optional.empty();
        }
        Segment before = segments.get(first - 1);
        Line line = lastLineOf(before);
        boolean mayBeOpen = first == segments.size();
        if (line instanceof Line.Seal seal && seal.intact()) {
            walk.startAfter(new ChainPoint(seal.sequence(), seal.last()));
        } else if (line instanceof Line.Entry entry && entry.intact() && mayBeOpen) {
            walk.startAfter(new ChainPoint(entry.sequence(), entry.hash()));
        } else {
            long next = mayBeOpen ? snapshot.lastSequence() + 1 : segments.get(first).firstSequence();
            String where = layout.location(before.path(), lineCount(before));
            return Optional.of(new BadRecord(where, next, line instanceof Line.Seal ? "seal does not match"
                    : "seal missing"));
        }
        return Optional.empty();
    }

    private Optional<BadRecord> walkSegment(ChainWalk walk, Segment segment, boolean mayBeOpen)
            throws IOException {
        try (LineReader lines = SegmentReader.lines(segment, snapshot.readableLength(segment))) {
            return walkLines(walk, segment, lines, mayBeOpen);
        } catch (ZipException | EOFException corrupt) {
            return Optional.of(walk.bad(layout.location(segment.path(), 1), "unreadable archive"));
        }
    }

    private Optional<BadRecord> walkLines(ChainWalk walk, Segment segment, LineReader lines, boolean mayBeOpen)
            throws IOException {
        long firstOfSegment = walk.expected();
        boolean sealed = false;
        try {
            while (lines.next()) {
                String where = layout.location(segment.path(), lines.number());
                Line line = sealed ? new Line.Unreadable("line after the seal") : lineOf(lines);
                Optional<String> problem = walk.problemWith(line, firstOfSegment, true);
                if (problem.isPresent()) {
                    return Optional.of(walk.bad(where, problem.get()));
                }
                sealed = line instanceof Line.Seal;
            }
        } catch (ZipException | EOFException corrupt) {
            return Optional.of(walk.bad(layout.location(segment.path(), lines.number() + 1), "unreadable archive"));
        }
        endLocation = layout.location(segment.path(), lines.number() + 1);
        return sealed || mayBeOpen ? Optional.empty() : Optional.of(walk.bad(endLocation, "seal missing"));
    }

    private Optional<BadRecord> leave(ChainWalk walk, Segment next) throws IOException {
        String where = layout.location(next.path(), 1);
        try (LineReader lines = SegmentReader.lines(next, snapshot.readableLength(next))) {
            Line line = lines.next() ? lineOf(lines) : new Line.Unreadable("unreadable record");
            return walk.problemWith(line, walk.expected(), false).map(problem -> walk.bad(where, problem));
        } catch (ZipException | EOFException corrupt) {
            return Optional.of(walk.bad(where, "unreadable archive"));
        }
    }

    private Line lastLineOf(Segment segment) throws IOException {
        try {
            return SegmentReader.lastLine(segment, snapshot.readableLength(segment))
                    .map(bytes -> parser.parse(bytes, 0, bytes.length)).orElse(new Line.Unreadable("empty"));
        } catch (ZipException | EOFException corrupt) {
            return new Line.Unreadable("unreadable archive");
        }
    }

    private Line lineOf(LineReader lines) {
        return lines.terminated() ? parser.parse(lines.bytes(), lines.offset(), lines.length())
                : new Line.Unreadable("unreadable record");
    }

    private long lineCount(Segment segment) throws IOException {
        try (LineReader lines = SegmentReader.lines(segment, snapshot.readableLength(segment))) {
            return lines.count();
        } catch (ZipException | EOFException corrupt) {
            return 1;
        }
    }

    private static int firstOnOrAfter(List<Segment> segments, Optional<Instant> from) {
        int first = 0;
        if (from.isPresent()) {
            LocalDate day = LocalDate.ofInstant(from.get(), ZoneOffset.UTC);
            while (first < segments.size() && segments.get(first).day().isBefore(day)) {
                first++;
            }
        }
        return first;
    }

    private static int lastOnOrBefore(List<Segment> segments, Optional<Instant> to) {
        int last = segments.size() - 1;
        if (to.isPresent()) {
            LocalDate day = LocalDate.ofInstant(to.get().minusNanos(1), ZoneOffset.UTC);
            while (last >= 0 && segments.get(last).day().isAfter(day)) {
                last--;
            }
        }
        return last;
    }
}
