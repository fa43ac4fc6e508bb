package dev.aegis.core.audit.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/** The open segment: the hot file appends go to, and how much has been written to it. */
final class SegmentFile implements Closeable {

    private final Path path;
    private final LocalDate day;
    private final long firstSequence;
    private final FileChannel channel;
    private long size;

    private SegmentFile(Path path, LocalDate day, long firstSequence, FileChannel channel) {
        this.path = path;
        this.day = day;
        this.firstSequence = firstSequence;
        this.channel = channel;
    }

    static SegmentFile create(Layout layout, LocalDate day, long firstSequence) throws IOException {
        Path path = layout.hotSegment(day, firstSequence);
        Files.createDirectories(path.getParent());
        return new SegmentFile(path, day, firstSequence,
                FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    Path path() {
        return path;
    }

    LocalDate day() {
        return day;
    }

    long firstSequence() {
        return firstSequence;
    }

    long size() {
        return size;
    }

    /** Writes the buffered lines and empties the buffer. */
    void write(LineBuffer lines) throws IOException {
        int length = lines.size();
        lines.drainTo(channel);
        size += length;
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the file back to {@code length} bytes, dropping what a failed append left. */
    void truncate(long length) throws IOException {
        channel.truncate(length);
        channel.position(length);
        size = length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
