package dev.aegis.core.shard;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndexException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A shard whose {@code find} never answers: it waits until interrupted, and says so. */
final class SlowShard extends StubShard {

    /** Counted down when a {@code find} is interrupted. */
    final CountDownLatch interrupted = new CountDownLatch(1);

    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        try {
            never.await();
            throw new IllegalStateException("the latch that is never counted down was");
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new MetadataIndexException("interrupted", e);
        }
    }
}
