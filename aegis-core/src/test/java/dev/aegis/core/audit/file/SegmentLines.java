package dev.aegis.core.audit.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The lines of segment files, for tests that read them or change them behind the log's back. */
final class SegmentLines {

    private SegmentLines() {
    }

    /** The files of a tier that end with {@code suffix}, in path order (day, then first sequence). */
    static List<Path> files(Path tier, String suffix) {
        if (!Files.isDirectory(tier)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tier)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line with this record, in a hot segment. */
    static Place find(Path hot, long sequence) {
        String start = "{\"seq\":" + sequence + ",";
        for (Path file : files(hot, ".log")) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(start)) {
                    return new Place(file, i, lines.get(i));
                }
            }
        }
        throw new IllegalArgumentException("no record " + sequence + " under " + hot);
    }

    /** Where a line lies: its file and its index there. */
    record Place(Path file, int index, String line) {

        void replace(String replacement) {
            List<String> lines = read(file);
            lines.set(index, replacement);
            write(file, lines);
        }
    }
}
