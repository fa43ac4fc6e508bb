package dev.aegis.core.shard;

import dev.aegis.api.index.MetadataIndexException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls on several shards at once, one virtual thread each (this package's only threads, made here). Two ways to
 * wait: {@link #all} waits for every call, however long each takes; {@link #within} waits until one absolute
 * deadline and fails as soon as one call fails or the deadline passes, cancelling the calls still running. Either
 * fails with a {@link MetadataIndexException} that names the shard and carries its cause.
 */
final class ShardCalls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCalls.class);

    private final int shards;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
            .name("aegis-index-shard")
            .uncaughtExceptionHandler((thread, error) -> LOG.error("uncaught exception on {}", thread, error))
            .factory());

    /** Calls on {@code shards} shards, numbered from 0. */
    ShardCalls(int shards) {
        this.shards = shards;
    }

    /**
     * Runs {@code call} on each of {@code on} in parallel and waits for all of them.
     *
     * @param what what the calls do, for messages: "record 5 decisions"
     * @return the answers, in no particular order
     * @throws MetadataIndexException naming the first shard that failed, the others' failures suppressed
     */
    <T> List<T> all(String what, Collection<Integer> on, IntFunction<T> call) {
        Map<Future<T>, Integer> running = start(what, on, call, new ExecutorCompletionService<>(threads));
        try {
            List<T> answers = new ArrayList<>();
            MetadataIndexException failure = null;
            for (Map.Entry<Future<T>, Integer> shard : running.entrySet()) {
                try {
                    answers.add(answer(what, shard.getValue(), shard.getKey()));
                } catch (MetadataIndexException e) {
                    failure = firstOf(failure, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return answers;
        } finally {
            running.keySet().forEach(future -> future.cancel(true));
        }
    }

    /**
     * Runs {@code call} on every shard in parallel and waits for all of them until one absolute deadline,
     * {@code deadline} from now, recomputing the time left after each answer.
     *
     * @return the answers, in no particular order
     * @throws MetadataIndexException naming the first shard that failed, or the shards still running at the
     *         deadline; the calls still running are cancelled
     */
    <T> List<T> within(String what, Duration deadline, IntFunction<T> call) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        CompletionService<T> done = new ExecutorCompletionService<>(threads);
        Map<Future<T>, Integer> running = start(what, everyShard(), call, done);
        try {
            List<T> answers = new ArrayList<>();
            while (!running.isEmpty()) {
                Future<T> next = done.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw late(what, running.values(), deadline);
                }
                answers.add(answer(what, running.remove(next), next));
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataIndexException("interrupted while waiting for the shards to " + what, e);
        } finally {
            running.keySet().forEach(future -> future.cancel(true));
        }
    }

    /** The numbers of every shard, from 0. */
    List<Integer> everyShard() {
        List<Integer> every = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            every.add(shard);
        }
        return every;
    }

    /** Stops the threads; calls in flight are interrupted. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** Starts one call per shard of {@code on}; answers them by shard, in the order of {@code on}. */
    private <T> Map<Future<T>, Integer> start(String what, Collection<Integer> on, IntFunction<T> call,
            CompletionService<T> done) {
        Map<Future<T>, Integer> running = new LinkedHashMap<>();
        try {
            for (int shard : on) {
                running.put(done.submit(() -> call.apply(shard)), shard);
            }
        } catch (RejectedExecutionException e) {
            running.keySet().forEach(future -> future.cancel(true));
            throw new MetadataIndexException("cannot " + what + ": the sharded index is closed", e);
        }
        return running;
    }

    /** The answer of a finished call, or its failure as a {@link MetadataIndexException} naming the shard. */
    private <T> T answer(String what, int shard, Future<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw failed(what, shard, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataIndexException("interrupted while waiting for shard " + shard + " of " + shards
                    + " to " + what, e);
        }
    }

    private MetadataIndexException failed(String what, int shard, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return new MetadataIndexException("shard " + shard + " of " + shards + " failed to " + what + ": "
                + cause.getMessage(), cause);
    }

    private MetadataIndexException late(String what, Collection<Integer> running, Duration deadline) {
        List<Integer> late = running.stream().sorted().toList();
        String names = late.size() == 1 ? "shard " + late.getFirst() : "shards " + late;
        return new MetadataIndexException(names + " of " + shards + " did not " + what + " within " + deadline,
                new TimeoutException("no answer within " + deadline));
    }

    private static MetadataIndexException firstOf(MetadataIndexException first, MetadataIndexException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
