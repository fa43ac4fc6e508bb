package dev.aegis.core.shard;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.SubjectQuery;
import java.time.Instant;
import java.util.List;

/** A shard that stores nothing and answers nothing; the doubles below change one thing about it. */
class StubShard implements MetadataIndex {

    @Override
    public void record(List<DecisionSummary> decisions) {
        // stores nothing
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        return List.of();
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        return List.of();
    }

    @Override
    public int expire(Instant now) {
        return 0;
    }

    @Override
    public void close() {
        // holds nothing
    }
}
