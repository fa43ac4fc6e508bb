package dev.aegis.core.audit.file;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The writer's state at one moment, taken under the append lock, so that verification and retention can work
 * beside appends: the open segment (read no further than its length then; never archived), the last sequence
 * written, and HEAD as it stood.
 */
record WriterSnapshot(Optional<Path> openSegment, long openSegmentLength, long lastSequence,
        Optional<ChainPoint> head) {

    /** Whether the segment existed then and is not the open one. */
    boolean settled(Segment segment) {
        return segment.firstSequence() <= lastSequence && !openSegment.equals(Optional.of(segment.path()));
    }

    /** How many bytes of the segment belonged to the log then. */
    long readableLength(Segment segment) {
        return openSegment.equals(Optional.of(segment.path())) ? openSegmentLength : Long.MAX_VALUE;
    }
}
