package dev.aegis.core.shard;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.index.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link MetadataIndex} over N shards, each an index of its own (a PostgreSQL database, say): a subject's
 * decisions live on the one shard that {@link #shardOf jump consistent hashing} of its tenant and name picks.
 * <ul>
 *   <li>{@link #record} splits the batch by shard and writes the parts in parallel; when one fails the others may
 *   have stored theirs, and recording the batch again is safe, since a repeated evaluation id is ignored.
 *   <li>{@link #forSubject} asks the subject's shard alone.
 *   <li>{@link #find}, which is not by subject, asks every shard in parallel under one absolute deadline, merges
 *   the answers newest first and keeps the limit. A shard that fails or misses the deadline fails the query, and
 *   the calls still running are cancelled.
 *   <li>{@link #expire} expires every shard and answers the most days any one shard dropped: the shards keep the
 *   same calendar days, so that is how many days of the index went, not once more per shard.
 * </ul>
 * A call that needs one shard runs on the caller's thread and fails as that shard fails, so over one shard this
 * index behaves exactly as that shard. A call that needs several runs one virtual thread per shard and fails with
 * a {@link MetadataIndexException} that names the shard ({@code "shard 2 of 3 ..."}) and carries its cause.
 */
public final class ShardedMetadataIndex implements MetadataIndex {

    private static final Comparator<DecisionSummary> NEWEST_FIRST = Comparator.comparing(DecisionSummary::time)
            .thenComparing(DecisionSummary::evaluationId).reversed();

    private final List<MetadataIndex> shards;
    private final Duration deadline;
    private final ShardCalls calls;

    private ShardedMetadataIndex(List<MetadataIndex> shards, Duration deadline) {
        this.shards = shards;
        this.deadline = deadline;
        this.calls = new ShardCalls(shards.size());
    }

    /**
     * An index over {@code shards}, in this order: shard {@code i} is {@code shards.get(i)}, and the order must be
     * the same on every node and across restarts (adding a shard at the end moves about 1 / N of the subjects;
     * reordering moves most). The index owns the shards and closes them.
     *
     * @param deadline how long a {@link #find} waits for all the shards together
     * @throws IllegalArgumentException when there is no shard or the deadline is not positive
     */
    public static ShardedMetadataIndex over(List<? extends MetadataIndex> shards, Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        List<MetadataIndex> copy = List.copyOf(shards);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a sharded index needs at least 1 shard");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline of a sharded index must be positive, was " + deadline);
        }
        return new ShardedMetadataIndex(copy, deadline);
    }

    /** The shard, from 0, that keeps the decisions of a tenant's subject. */
    public int shardOf(String tenant, String subject) {
        return JumpHash.shardOf(tenant, subject, shards.size());
    }

    @Override
    public void record(List<DecisionSummary> decisions) {
        Map<Integer, List<DecisionSummary>> parts = byShard(decisions);
        if (parts.size() == 1) {
            parts.forEach((shard, part) -> shards.get(shard).record(part));
            return;
        }
        calls.all("record " + decisions.size() + " decisions", parts.keySet(), shard -> {
            shards.get(shard).record(parts.get(shard));
            return shard;
        });
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        return shards.get(shardOf(query.tenant(), query.subject())).forSubject(query);
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        Objects.requireNonNull(query, "query");
        if (shards.size() == 1) {
            return shards.getFirst().find(query);
        }
        List<List<DecisionSummary>> answers = calls.within("find the " + query.decision() + " decisions in "
                + query.region(), deadline, shard -> shards.get(shard).find(query));
        return answers.stream().flatMap(List::stream).sorted(NEWEST_FIRST).limit(query.limit()).toList();
    }

    /**
     * {@inheritDoc} Every shard expires, in parallel, however long it takes.
     *
     * @return the most days that any one shard dropped
     * @throws MetadataIndexException naming a shard that failed; the other shards expired all the same
     */
    @Override
    public int expire(Instant now) {
        Objects.requireNonNull(now, "now");
        if (shards.size() == 1) {
            return shards.getFirst().expire(now);
        }
        return calls.all("expire the days before " + now, calls.everyShard(), shard -> shards.get(shard).expire(now))
                .stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Closes every shard, then the threads; a shard that fails to close does not keep the others open. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (MetadataIndex shard : shards) {
            try {
                shard.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        calls.close();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ShardedMetadataIndex" + shards;
    }

    /** The decisions by shard, each part in the batch's order. */
    private Map<Integer, List<DecisionSummary>> byShard(List<DecisionSummary> decisions) {
        Map<Integer, List<DecisionSummary>> parts = new TreeMap<>();
        for (DecisionSummary decision : decisions) {
            parts.computeIfAbsent(shardOf(decision.tenant(), decision.subject()), shard -> new ArrayList<>())
                    .add(decision);
        }
        return parts;
    }
}
