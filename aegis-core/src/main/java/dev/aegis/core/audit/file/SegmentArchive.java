package dev.aegis.core.audit.file;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/** Moves segments between tiers and out of the log, leaving no half-written file and no empty folder behind. */
final class SegmentArchive {

    private static final int BUFFER = 64 * 1024;

    private final Layout layout;

    SegmentArchive(Layout layout) {
        this.layout = layout;
    }

    /** Gzips a hot segment into the archive tier (a temporary file, forced, then moved), then removes it. */
    void archive(Segment hot) throws IOException {
        Path target = layout.archivedSegment(hot.day(), hot.firstSequence());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.createDirectories(target.getParent());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), BUFFER)) {
            Files.copy(hot.path(), gzip);
            gzip.finish();
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(hot.path());
        prune(hot.path().getParent(), layout.hot());
    }

    /** Removes a segment from both tiers. */
    void delete(Segment segment) throws IOException {
        Files.deleteIfExists(layout.hotSegment(segment.day(), segment.firstSequence()));
        Files.deleteIfExists(layout.archivedSegment(segment.day(), segment.firstSequence()));
        prune(Layout.dayFolder(layout.hot(), segment.day()), layout.hot());
        prune(Layout.dayFolder(layout.archive(), segment.day()), layout.archive());
    }

    /** Removes the folder and then its parents, up to the tier, for as long as they are empty. */
    private static void prune(Path folder, Path tier) throws IOException {
        for (Path empty = folder; !empty.equals(tier) && isEmptyFolder(empty); empty = empty.getParent()) {
            Files.delete(empty);
        }
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        }
    }
}
