package dev.aegis.core.audit.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Reads segments of either tier: all their lines, or only the first or the last. */
final class SegmentReader {

    private static final int CHUNK = 8 * 1024;

    private SegmentReader() {
    }

    /** The segment's lines, up to {@code limit} bytes of a hot file; an archived one is read whole. */
    static LineReader lines(Segment segment, long limit) throws IOException {
        InputStream file = Files.newInputStream(segment.path());
        if (!segment.archived()) {
            return new LineReader(file, limit);
        }
        try {
            return new LineReader(new GZIPInputStream(file, 64 * 1024), Long.MAX_VALUE);
        } catch (IOException notGzip) {
            file.close();
            throw notGzip;
        }
    }

    /**
     * The segment's last line within {@code limit} bytes of a hot file (an archived one is read whole), without its
     * {@code '\n'}; empty for an empty segment.
     */
    static Optional<byte[]> lastLine(Segment segment, long limit) throws IOException {
        if (segment.archived()) {
            return lastLineOfStream(segment);
        }
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            return lastLine(channel, Math.min(channel.size(), limit));
        }
    }

    /** The last line of the first {@code size} bytes of a hot file, without its {@code '\n'}. */
    static Optional<byte[]> lastLine(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return Optional.empty();
        }
        long end = read(channel, size - 1, 1)[0] == '\n' ? size - 1 : size;
        long start = lastNewline(channel, end) + 1;
        return Optional.of(read(channel, start, Math.toIntExact(end - start)));
    }

    /** Where the last {@code '\n'} before {@code end} lies in a hot file; -1 when there is none. */
    static long lastNewline(FileChannel channel, long end) throws IOException {
        for (long to = end; to > 0; to -= CHUNK) {
            long from = Math.max(0, to - CHUNK);
            byte[] chunk = read(channel, from, (int) (to - from));
            for (int i = chunk.length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return from + i;
                }
            }
        }
        return -1;
    }

    private static Optional<byte[]> lastLineOfStream(Segment segment) throws IOException {
        try (LineReader lines = lines(segment, Long.MAX_VALUE)) {
            byte[] last = null;
            while (lines.next()) {
                last = Arrays.copyOfRange(lines.bytes(), lines.offset(), lines.offset() + lines.length());
            }
            return Optional.ofNullable(last);
        }
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("file ended before byte " + (position + length));
            }
        }
        return bytes.array();
    }
}
