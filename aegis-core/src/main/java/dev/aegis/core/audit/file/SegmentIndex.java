package dev.aegis.core.audit.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every segment of a log, both tiers, in sequence order. A segment found in both tiers (archiving stopped between
 * its move and the removal of the hot copy) is listed once, hot. Only names are read, so files that come and go
 * beside the day folders (HEAD being replaced) do not disturb a scan.
 */
final class SegmentIndex {

    private static final Pattern HOT = Pattern.compile("(\\d{20})\\.log");
    private static final Pattern ARCHIVED = Pattern.compile("(\\d{20})\\.log\\.gz");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    private SegmentIndex() {
    }

    static List<Segment> scan(Layout layout) throws IOException {
        Map<Long, Segment> bySequence = new TreeMap<>();
        for (Path day : dayFolders(layout.archive())) {
            collect(day, true, bySequence);
        }
        for (Path day : dayFolders(layout.hot())) {
            collect(day, false, bySequence);
        }
        return new ArrayList<>(bySequence.values());
    }

    private static List<Path> dayFolders(Path tier) throws IOException {
        List<Path> days = new ArrayList<>();
        for (Path year : children(tier, YEAR)) {
            for (Path month : children(year, TWO_DIGITS)) {
                days.addAll(children(month, TWO_DIGITS));
            }
        }
        return days;
    }

    private static void collect(Path folder, boolean archived, Map<Long, Segment> into) throws IOException {
        Optional<LocalDate> day = day(folder);
        if (day.isEmpty()) {
            return;
        }
        Pattern names = archived ? ARCHIVED : HOT;
        for (Path file : children(folder, names)) {
            Matcher name = names.matcher(file.getFileName().toString());
            if (name.matches()) {
                long first = Long.parseLong(name.group(1));
                into.put(first, new Segment(day.get(), first, file, archived));
            }
        }
    }

    private static List<Path> children(Path folder, Pattern names) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> names.matcher(entry.getFileName().toString()).matches())) {
            entries.forEach(children::add);
        } catch (NoSuchFileException gone) {
            return List.of();
        }
        return children;
    }

    private static Optional<LocalDate> day(Path folder) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(folder.getParent().getParent().getFileName().toString()),
                    Integer.parseInt(folder.getParent().getFileName().toString()),
                    Integer.parseInt(folder.getFileName().toString())));
        } catch (DateTimeException notADay) {
            return Optional.empty();
        }
    }
}
