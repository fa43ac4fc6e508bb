package dev.aegis.core.audit.file;

import dev.aegis.testkit.audit.Tampering;
import java.nio.file.Path;
import java.util.List;

/** Edits the hot segment files of a closed {@link FileAuditLog} the way an intruder with a text editor would. */
final class FileTampering implements Tampering {

    private final Path hot;

    FileTampering(Path hot) {
        this.hot = hot;
    }

    @Override
    public void flipByte(long sequence) {
        SegmentLines.Place place = SegmentLines.find(hot, sequence);
        place.replace(flipped(place.line()));
    }

    @Override
    public void delete(long sequence) {
        SegmentLines.Place place = SegmentLines.find(hot, sequence);
        List<String> lines = SegmentLines.read(place.file());
        lines.remove(place.index());
        SegmentLines.write(place.file(), lines);
    }

    @Override
    public void swap(long first, long second) {
        SegmentLines.Place one = SegmentLines.find(hot, first);
        SegmentLines.Place other = SegmentLines.find(hot, second);
        one.replace(other.line());
        other.replace(one.line());
    }

    @Override
    public void duplicate(long sequence) {
        SegmentLines.Place place = SegmentLines.find(hot, sequence);
        List<String> lines = SegmentLines.read(place.file());
        lines.add(place.index() + 1, place.line());
        SegmentLines.write(place.file(), lines);
    }

    /** The line with one byte of its action changed: same length, still JSON. */
    static String flipped(String line) {
        int at = line.indexOf("\"action\":\"") + "\"action\":\"".length();
        return line.substring(0, at) + (char) (line.charAt(at) ^ 1) + line.substring(at + 1);
    }
}
