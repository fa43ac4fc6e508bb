package dev.aegis.core.index;

import dev.aegis.api.index.DecisionSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The decisions of one UTC day: their evaluation ids, and two sorted views, newest first (ties by evaluation id,
 * descending), one per (tenant, subject) and one per (tenant, decision, region).
 */
final class DecisionDay {

    private final Set<String> evaluationIds = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<Subject, ConcurrentSkipListMap<Position, DecisionSummary>> bySubject =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<Kind, ConcurrentSkipListMap<Position, DecisionSummary>> byKind =
            new ConcurrentHashMap<>();

    /** Adds the decision unless its evaluation id is already here. */
    void add(DecisionSummary decision) {
        if (!evaluationIds.add(decision.evaluationId())) {
            return;
        }
        Position position = new Position(decision.time(), decision.evaluationId());
        bySubject.computeIfAbsent(new Subject(decision.tenant(), decision.subject()), key -> sorted())
                .put(position, decision);
        decision.region().ifPresent(region -> byKind.computeIfAbsent(
                new Kind(decision.tenant(), decision.decision(), region), key -> sorted()).put(position, decision));
    }

    /** The subject's decisions of this day, newest first. */
    Collection<DecisionSummary> ofSubject(String tenant, String subject) {
        ConcurrentSkipListMap<Position, DecisionSummary> decisions = bySubject.get(new Subject(tenant, subject));
        return decisions == null ? List.of() : decisions.values();
    }

    /** The decisions of this day of one kind in one region, before {@code to}, newest first. */
    Collection<DecisionSummary> ofKind(String tenant, String decision, String region, Instant to) {
        ConcurrentSkipListMap<Position, DecisionSummary> decisions = byKind.get(new Kind(tenant, decision, region));
        return decisions == null ? List.of() : decisions.tailMap(Position.lastAt(to), false).values();
    }

    private static ConcurrentSkipListMap<Position, DecisionSummary> sorted() {
        return new ConcurrentSkipListMap<>();
    }

    private record Subject(String tenant, String subject) {
    }

    private record Kind(String tenant, String decision, String region) {
    }

    /** Where a decision sorts: newest first, ties by evaluation id, descending. */
    private record Position(Instant time, String evaluationId) implements Comparable<Position> {

        /** Sorts last of the positions at {@code time}: the decisions after it are the older ones. */
        static Position lastAt(Instant time) {
            return new Position(time, "");
        }

        @Override
        public int compareTo(Position other) {
            int byTime = other.time.compareTo(time);
            return byTime != 0 ? byTime : other.evaluationId.compareTo(evaluationId);
        }
    }
}
