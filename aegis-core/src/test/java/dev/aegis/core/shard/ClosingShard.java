package dev.aegis.core.shard;

import java.util.Optional;

/** A shard that remembers being closed, and may fail to close. */
final class ClosingShard extends StubShard {

    private final Optional<RuntimeException> failure;
    volatile boolean closed;

    ClosingShard(Optional<RuntimeException> failure) {
        this.failure = failure;
    }

    @Override
    public void close() {
        closed = true;
        failure.ifPresent(e -> {
            throw e;
        });
    }
}
