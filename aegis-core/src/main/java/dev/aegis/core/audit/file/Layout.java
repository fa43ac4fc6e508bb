package dev.aegis.core.audit.file;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where the files of one environment's log lie: {@code <root>/<env>/yyyy/mm/dd/<first sequence>.log} for the hot
 * tier, {@code <root>/archive/<env>/yyyy/mm/dd/<first sequence>.log.gz} for the archive, and the HEAD and ANCHOR
 * files beside the hot days.
 */
final class Layout {

    static final String ARCHIVE = "archive";
    static final String HOT_SUFFIX = ".log";
    static final String ARCHIVE_SUFFIX = ".log.gz";

    private final Path root;
    private final Path hot;
    private final Path archive;

    Layout(Path root, String environment) {
        this.root = root;
        this.hot = root.resolve(environment);
        this.archive = root.resolve(ARCHIVE).resolve(environment);
    }

    Path hot() {
        return hot;
    }

    Path archive() {
        return archive;
    }

    Path head() {
        return hot.resolve("HEAD");
    }

    Path anchor() {
        return hot.resolve("ANCHOR");
    }

    Path hotSegment(LocalDate day, long firstSequence) {
        return dayFolder(hot, day).resolve(name(firstSequence) + HOT_SUFFIX);
    }

    Path archivedSegment(LocalDate day, long firstSequence) {
        return dayFolder(archive, day).resolve(name(firstSequence) + ARCHIVE_SUFFIX);
    }

    static Path dayFolder(Path tier, LocalDate day) {
        return tier.resolve("%04d".formatted(day.getYear())).resolve("%02d".formatted(day.getMonthValue()))
                .resolve("%02d".formatted(day.getDayOfMonth()));
    }

    /** A place in the log as a verification names it: the file relative to the root, and a line number. */
    String location(Path file, long line) {
        return location(file) + ":" + line;
    }

    String location(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String name(long firstSequence) {
        return "%020d".formatted(firstSequence);
    }
}
