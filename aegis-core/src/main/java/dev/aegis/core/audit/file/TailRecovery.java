package dev.aegis.core.audit.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the chain ends when a log is opened: cuts a torn last line off the newest segment and seals that
 * segment if it was left open. When HEAD is further on, names the same record with another hash, or the last line
 * cannot be read at all, appends continue from HEAD, so that lost or changed records stay a visible break instead
 * of being written over.
 */
final class TailRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TailRecovery.class);

    private final Layout layout;
    private final LineEncoder encoder;
    private final LineParser parser = new LineParser();
    private final ChainPointFile headFile;

    TailRecovery(Layout layout, LineEncoder encoder) {
        this.layout = layout;
        this.encoder = encoder;
        this.headFile = new ChainPointFile(layout.head());
    }

    /** Where appends continue, and the day folder of the newest segment. */
    record Tail(ChainPoint point, Optional<LocalDate> newestDay) {
    }

    Tail recover() throws IOException {
        List<Segment> segments = SegmentIndex.scan(layout);
        while (!segments.isEmpty()) {
            Segment newest = segments.removeLast();
            Optional<Line> last = newest.archived() ? Optional.of(lastLineOf(newest)) : lastLineOfHot(newest);
            if (last.isPresent()) {
                return new Tail(endAfter(last.get(), newest), Optional.of(newest.day()));
            }
        }
        ChainPoint start = new ChainPointFile(layout.anchor()).read().orElse(ChainPoint.GENESIS);
        return new Tail(notBehindHead(start), Optional.empty());
    }

    private ChainPoint endAfter(Line last, Segment segment) throws IOException {
        return switch (last) {
            case Line.Entry entry -> notBehindHead(new ChainPoint(entry.sequence(), entry.hash()));
            case Line.Seal seal -> notBehindHead(new ChainPoint(seal.sequence(), seal.last()));
            case Line.Unreadable unreadable -> headAfterUnreadable(segment);
        };
    }

    private ChainPoint notBehindHead(ChainPoint end) throws IOException {
        Optional<ChainPoint> head = headFile.read();
        if (head.isPresent() && disagree(head.get(), end)) {
            LOG.error("The audit log {} ends at record {} ({}) but HEAD names record {} ({}): the end of the chain "
                    + "was lost or changed. Appends continue from HEAD so that verification keeps showing it.",
                    layout.hot(), end.sequence(), end.hash(), head.get().sequence(), head.get().hash());
            return head.get();
        }
        if (!head.equals(Optional.of(end))) {
            headFile.write(end);
        }
        return end;
    }

    private static boolean disagree(ChainPoint head, ChainPoint end) {
        return head.sequence() > end.sequence()
                || head.sequence() == end.sequence() && !head.hash().equals(end.hash());
    }

    private ChainPoint headAfterUnreadable(Segment segment) throws IOException {
        ChainPoint head = headFile.read().orElseThrow(() -> new IOException("cannot find where the audit chain "
                + "ends: the last line of " + segment.path() + " is not a record or a seal, and there is no HEAD"));
        LOG.error("The last line of the audit segment {} is not a record or a seal. It stays for verification to "
                + "report; appends continue after HEAD, record {}.", segment.path(), head.sequence());
        return head;
    }

    private Line lastLineOf(Segment archived) throws IOException {
        try {
            return SegmentReader.lastLine(archived, Long.MAX_VALUE).map(this::parse)
                    .orElse(new Line.Unreadable("empty archive"));
        } catch (ZipException | EOFException corrupt) {
            return new Line.Unreadable("unreadable archive");
        }
    }

    /** The last line of a hot segment, sealing the segment first if it was left open; empty when none is left. */
    private Optional<Line> lastLineOfHot(Segment segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = cutTornLine(channel, segment);
            if (size > 0) {
                Line last = parse(SegmentReader.lastLine(channel, size).orElseThrow());
                if (last instanceof Line.Entry entry) {
                    seal(channel, size, segment, new ChainPoint(entry.sequence(), entry.hash()));
                }
                return Optional.of(last);
            }
        }
        Files.delete(segment.path());
        LOG.warn("Removed the empty audit segment {}", segment.path());
        return Optional.empty();
    }

    private static long cutTornLine(FileChannel channel, Segment segment) throws IOException {
        long size = channel.size();
        long kept = SegmentReader.lastNewline(channel, size) + 1;
        if (kept < size) {
            channel.truncate(kept);
            LOG.warn("Dropped a torn last line of {} bytes from the audit segment {}; it was never acknowledged",
                    size - kept, segment.path());
        }
        return kept;
    }

    private void seal(FileChannel channel, long size, Segment segment, ChainPoint end) throws IOException {
        encoder.seal(end, end.sequence() - segment.firstSequence() + 1);
        channel.position(size);
        encoder.buffer().drainTo(channel);
        channel.force(false);
    }

    private Line parse(byte[] line) {
        return parser.parse(line, 0, line.length);
    }
}
