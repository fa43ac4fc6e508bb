package dev.aegis.core.index;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link MetadataIndex} in memory: one bucket per UTC day, each with the decisions sorted newest first per
 * (tenant, subject) and per (tenant, decision, region). Queries walk the buckets from the newest relevant day back
 * and stop at the limit; expiry removes whole buckets, so it costs the days that expired. Safe for concurrent
 * use, without locks: a query running beside a {@link #record} may see part of that batch, and a decision
 * recorded into a day while that day expires may go with it.
 */
public final class InMemoryMetadataIndex implements MetadataIndex {

    private final Duration ttl;
    private final ConcurrentSkipListMap<LocalDate, DecisionDay> days = new ConcurrentSkipListMap<>();

    /**
     * An empty index keeping decisions for {@code ttl}.
     *
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    public InMemoryMetadataIndex(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive, was " + ttl);
        }
        this.ttl = ttl;
    }

    @Override
    public void record(List<DecisionSummary> decisions) {
        for (DecisionSummary decision : decisions) {
            days.computeIfAbsent(dayOf(decision.time()), day -> new DecisionDay()).add(decision);
        }
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        NavigableMap<LocalDate, DecisionDay> relevant = query.since().map(since -> days.tailMap(dayOf(since), true))
                .orElse(days);
        List<DecisionSummary> found = new ArrayList<>();
        for (DecisionDay day : relevant.descendingMap().values()) {
            Collection<DecisionSummary> newestFirst = day.ofSubject(query.tenant(), query.subject());
            if (!collect(newestFirst, query.since().orElse(Instant.MIN), found, query.limit())) {
                break;
            }
        }
        return found;
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        NavigableMap<LocalDate, DecisionDay> relevant = days.subMap(dayOf(query.from()), true,
                dayOf(query.to().minusNanos(1)), true);
        List<DecisionSummary> found = new ArrayList<>();
        for (DecisionDay day : relevant.descendingMap().values()) {
            Collection<DecisionSummary> newestFirst = day.ofKind(query.tenant(), query.decision(), query.region(),
                    query.to());
            if (!collect(newestFirst, query.from(), found, query.limit())) {
                break;
            }
        }
        return found;
    }

    @Override
    public int expire(Instant now) {
        LocalDate firstKept = dayOf(now.minus(ttl));
        int dropped = 0;
        for (LocalDate day : days.headMap(firstKept).keySet()) {
            dropped += days.remove(day) == null ? 0 : 1;
        }
        return dropped;
    }

    @Override
    public void close() {
        // nothing to release: the decisions go with the object
    }

    /**
     * Adds the decisions at or after {@code since} to {@code found}, up to {@code limit}.
     *
     * @return whether an older one may still belong: the limit is not reached and none was before {@code since}
     */
    private static boolean collect(Collection<DecisionSummary> newestFirst, Instant since,
            List<DecisionSummary> found, int limit) {
        for (DecisionSummary decision : newestFirst) {
            if (found.size() == limit || decision.time().isBefore(since)) {
                return false;
            }
            found.add(decision);
        }
        return found.size() < limit;
    }

    private static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
