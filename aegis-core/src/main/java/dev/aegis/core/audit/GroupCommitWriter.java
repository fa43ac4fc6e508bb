package dev.aegis.core.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items from many threads to one writer thread, which passes everything that arrived while it was busy to
 * the sink as one batch: callers never wait for the sink, and a thousand items cost one write. Since no caller
 * waits, the writer lingers a moment after the first item of a batch so that a light load still makes batches
 * (one fsync or commit per linger, not per item). When the sink
 * fails, the batch is kept and tried again after a pause, so nothing is lost while the writer is open; callers
 * see {@link #hasRoom()} turn false once the queue fills.
 */
final class GroupCommitWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long POLL_MILLIS = 50;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final String name;
    private final BlockingQueue<Object> pending;
    private final int maxBatch;
    private final Duration linger;
    private final Consumer<List<T>> sink;
    private final Duration closeGrace;
    private final Thread writer;
    private final Counter written;
    private final Counter failures;
    private final DistributionSummary batches;
    private volatile boolean open = true;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    GroupCommitWriter(String name, Settings settings, Consumer<List<T>> sink, MeterRegistry meters) {
        this.name = name;
        this.pending = new LinkedBlockingQueue<>(settings.capacity());
        this.maxBatch = settings.maxBatch();
        this.linger = settings.linger();
        this.sink = sink;
        this.closeGrace = settings.closeGrace();
        this.written = Counter.builder("aegis.group_commit.items").tag("writer", name)
                .description("Items the writer handed to its sink").register(meters);
        this.failures = Counter.builder("aegis.group_commit.failures").tag("writer", name)
                .description("Batches the sink refused; each is tried again").register(meters);
        this.batches = DistributionSummary.builder("aegis.group_commit.batch").tag("writer", name)
                .description("Items per batch").register(meters);
        Gauge.builder("aegis.group_commit.backlog", pending, BlockingQueue::size).tag("writer", name)
                .description("Items waiting for the writer").register(meters);
        this.writer = Thread.ofPlatform().name("aegis-" + name + "-writer").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    /**
     * Queue size, batch size, how long the writer waits after the first item of a batch for more, and how long
     * {@link #close()} keeps retrying a failing sink.
     */
    record Settings(int capacity, int maxBatch, Duration linger, Duration closeGrace) {

        Settings {
            if (capacity < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("capacity and max batch must be at least 1");
            }
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger must not be negative, was " + linger);
            }
        }
    }

    /** Whether an item offered now would be taken without waiting. */
    boolean hasRoom() {
        return open && pending.remainingCapacity() > 0;
    }

    /**
     * Queues an item for the writer, waiting up to {@code patience} for room.
     *
     * @return false when the writer is closed or stayed full for that long; the item was not taken
     */
    boolean offer(T item, Duration patience) {
        return open && offerQueued(item, patience);
    }

    private boolean offerQueued(Object entry, Duration patience) {
        try {
            return pending.offer(entry) || pending.offer(entry, patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A barrier behind everything queued so far: it completes once all of it is written, and fails when closing
     * gave up on it or the queue stayed full for {@code patience}.
     */
    CompletableFuture<Void> written(Duration patience) {
        Barrier barrier = new Barrier();
        if (!open) {
            barrier.done.complete(null);
        } else if (!offerQueued(barrier, patience)) {
            barrier.done.completeExceptionally(new IllegalStateException(
                    "the " + name + " writer stayed full for " + patience));
        }
        return barrier.done;
    }

    /** Marks a place in the queue; the writer completes it once the items before it are written. */
    private static final class Barrier {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    int backlog() {
        return pending.size();
    }

    private void writeLoop() {
        List<Object> drained = new ArrayList<>(maxBatch);
        while (open || !pending.isEmpty()) {
            Object first = next();
            if (first == null) {
                continue;
            }
            drained.add(first);
            if (!(first instanceof Barrier)) {
                lingerUnlessFull();
            }
            pending.drainTo(drained, maxBatch - 1);
            if (!writeUntilDone(drained)) {
                return;
            }
            drained.clear();
        }
    }

    /** Writes the items among {@code drained}, then completes its barriers; false when closing gave up. */
    @SuppressWarnings("unchecked")
    private boolean writeUntilDone(List<Object> drained) {
        List<T> batch = new ArrayList<>(drained.size());
        List<Barrier> barriers = new ArrayList<>();
        for (Object entry : drained) {
            if (entry instanceof Barrier barrier) {
                barriers.add(barrier);
            } else {
                batch.add((T) entry);
            }
        }
        boolean written = batch.isEmpty() || writeItemsUntilDone(batch);
        for (Barrier barrier : barriers) {
            if (written) {
                barrier.done.complete(null);
            } else {
                barrier.done.completeExceptionally(new IllegalStateException("the " + name
                        + " writer gave up on its items while closing"));
            }
        }
        return written;
    }

    private void lingerUnlessFull() {
        if (!linger.isZero() && open && pending.size() < maxBatch - 1) {
            LockSupport.parkNanos(linger.toNanos());
        }
    }

    private Object next() {
        try {
            return pending.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Writes the batch, retrying with growing pauses; false when closing gave up on it. */
    private boolean writeItemsUntilDone(List<T> batch) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                sink.accept(batch);
                written.increment(batch.size());
                batches.record(batch.size());
                return true;
            } catch (RuntimeException e) {
                failures.increment();
                if (System.nanoTime() - giveUpAtNanos > 0) {
                    LOG.error("{} writer: giving up on {} items and {} queued behind them after the close grace: {}",
                            name, batch.size(), pending.size(), e.getMessage());
                    return false;
                }
                LOG.warn("{} writer: could not write {} items, trying again in {} ms: {}",
                        name, batch.size(), pause.toMillis(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes no more items, writes what is queued, then stops; a sink still failing after the close grace is given
     * up on, and what it held is logged as lost.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        giveUpAtNanos = System.nanoTime() + closeGrace.toNanos();
        open = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
