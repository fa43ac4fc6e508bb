package dev.aegis.core.shard;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import java.time.Instant;
import java.util.List;

/** A shard whose every call but {@code close} throws the same failure. */
final class FailingShard extends StubShard {

    private final RuntimeException failure;

    FailingShard(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void record(List<DecisionSummary> decisions) {
        throw failure;
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        throw failure;
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        throw failure;
    }

    @Override
    public int expire(Instant now) {
        throw failure;
    }
}
