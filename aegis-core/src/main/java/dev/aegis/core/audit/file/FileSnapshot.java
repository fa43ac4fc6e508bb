package dev.aegis.core.audit.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * A {@link WriterSnapshot} taken from the files alone, for verifying a log that this process does not write: the
 * newest hot segment counts as open, read up to its last complete line (a node may be writing the next one), and
 * the last sequence is the one on that line.
 */
final class FileSnapshot {

    private FileSnapshot() {}

    static WriterSnapshot of(Layout layout) throws IOException {
        Optional<ChainPoint> head = new ChainPointFile(layout.head()).read();
        List<Segment> segments = SegmentIndex.scan(layout);
        if (segments.isEmpty()) {
            long anchored = new ChainPointFile(layout.anchor()).read().orElse(ChainPoint.GENESIS).sequence();
            return new WriterSnapshot(Optional.empty(), 0, anchored, head);
        }
        Segment newest = segments.getLast();
        long complete = newest.archived() ? Long.MAX_VALUE : completeLength(newest);
        long lastSequence = SegmentReader.lastLine(newest, complete)
                .map(bytes -> new LineParser().parse(bytes, 0, bytes.length))
                .map(line -> sequenceOf(line, newest))
                .orElse(newest.firstSequence());
        return new WriterSnapshot(newest.archived() ? Optional.empty() : Optional.of(newest.path()), complete,
                lastSequence, head);
    }

    /** The bytes up to and including the last {@code '\n'}. */
    private static long completeLength(Segment segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            return SegmentReader.lastNewline(channel, channel.size()) + 1;
        }
    }

    /** The sequence a last line ends the chain at; an unreadable one counts as its segment's first, for the walk. */
    private static long sequenceOf(Line line, Segment segment) {
        return switch (line) {
            case Line.Entry entry -> entry.sequence();
            case Line.Seal seal -> seal.sequence();
            case Line.Unreadable unreadable -> segment.firstSequence();
        };
    }
}
