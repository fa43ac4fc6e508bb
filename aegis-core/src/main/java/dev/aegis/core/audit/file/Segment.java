package dev.aegis.core.audit.file;

import java.nio.file.Path;
import java.time.LocalDate;

/** One segment file as found on disk: its day folder, the sequence of its first record, and its tier. */
record Segment(LocalDate day, long firstSequence, Path path, boolean archived) {
}
