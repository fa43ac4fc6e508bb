package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification.BadRecord;
import java.util.Optional;

/**
 * What the verifier knows while it walks the chain: the sequence and previous hash it expects next, how many
 * records in the range it found sound, and the hash of the record HEAD names once it passed it.
 */
final class ChainWalk {

    private final AuditRange range;
    private final Optional<ChainPoint> head;
    private long expected;
    private String previousHash;
    private long counted;
    private Optional<String> hashAtHead = Optional.empty();

    ChainWalk(AuditRange range, Optional<ChainPoint> head) {
        this.range = range;
        this.head = head;
    }

    long expected() {
        return expected;
    }

    long counted() {
        return counted;
    }

    /** Continues the walk after this point of the chain. */
    void startAfter(ChainPoint point) {
        expected = point.sequence() + 1;
        previousHash = point.hash();
        if (head.isPresent() && head.get().sequence() == point.sequence()) {
            hashAtHead = Optional.of(point.hash());
        }
    }

    /** What is wrong with this line at this place; a sound record moves the walk on, counted when asked. */
    Optional<String> problemWith(Line line, long firstOfSegment, boolean count) {
        return switch (line) {
            case Line.Entry entry -> accept(entry, count);
            case Line.Seal seal -> sealMatches(seal, firstOfSegment) ? Optional.empty()
                    : Optional.of("seal does not match");
            case Line.Unreadable unreadable -> Optional.of(unreadable.reason());
        };
    }

    BadRecord bad(String location, String reason) {
        return new BadRecord(location, expected, reason);
    }

    /** Whether the chain reaches as far as HEAD and the writer say it should, and HEAD names its record. */
    Optional<BadRecord> endProblem(long written, String endLocation, String headLocation) {
        long last = expected - 1;
        if (head.isPresent() && head.get().sequence() > last) {
            return Optional.of(bad(endLocation, "records missing after %d (HEAD says %d)".formatted(last,
                    head.get().sequence())));
        }
        if (written > last) {
            return Optional.of(bad(endLocation, "records missing after %d (the log wrote %d)".formatted(last,
                    written)));
        }
        if (head.isPresent() && hashAtHead.isPresent() && !hashAtHead.get().equals(head.get().hash())) {
            return Optional.of(new BadRecord(headLocation, head.get().sequence(),
                    "HEAD does not match record " + head.get().sequence()));
        }
        return Optional.empty();
    }

    private Optional<String> accept(Line.Entry entry, boolean count) {
        if (!entry.intact()) {
            return Optional.of("hash mismatch");
        }
        if (entry.sequence() != expected) {
            return Optional.of((entry.sequence() > expected ? "sequence gap" : "sequence out of order")
                    + ": expected %d, found %d".formatted(expected, entry.sequence()));
        }
        if (!entry.previousHash().equals(previousHash)) {
            return Optional.of(expected == 1 ? "broken link: prev of the first record is not 64 zeros"
                    : "broken link: prev does not match the hash of record " + (expected - 1));
        }
        if (count && range.contains(entry.time())) {
            counted++;
        }
        startAfter(new ChainPoint(entry.sequence(), entry.hash()));
        return Optional.empty();
    }

    private boolean sealMatches(Line.Seal seal, long firstOfSegment) {
        return seal.intact() && seal.sequence() == expected - 1 && seal.records() == expected - firstOfSegment
                && seal.last().equals(previousHash) && seal.previousHash().equals(previousHash);
    }
}
