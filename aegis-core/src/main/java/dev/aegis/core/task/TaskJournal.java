package dev.aegis.core.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.core.audit.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes task changes to the store with group commit: one thread takes every change that arrived while the last
 * batch was being written and writes them as one batch, so that a thousand concurrent submits cost one commit.
 * Updates of one task in the same batch are folded into one write, from the first one's expected version to the
 * last one's task: a run that starts and ends within a commit costs one row write.
 */
final class TaskJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);

    private static final long POLL_MILLIS = 50;

    private final TaskStore store;
    private final TaskTransitionListener transitions;
    private final int maxBatch;
    private final BlockingQueue<Change> pending;
    private final Thread writer;
    private volatile boolean open = true;

    TaskJournal(TaskStore store, TaskTransitionListener transitions, int maxBatch, int capacity) {
        this.store = store;
        this.transitions = transitions;
        this.maxBatch = maxBatch;
        this.pending = new LinkedBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("aegis-task-journal").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    /** Stores a new task; completes with the stored task (an earlier one when the idempotency key was used). */
    CompletableFuture<Task> create(Task task, Origin origin) {
        Creation creation = new Creation(task, origin, new CompletableFuture<>());
        enqueue(creation);
        return creation.done();
    }

    /** Writes a move; completes with true when written, false when the stored task had moved on (stale). */
    CompletableFuture<Boolean> update(TaskUpdate update, Origin origin) {
        Update change = new Update(update, origin, new CompletableFuture<>());
        enqueue(change);
        return change.done();
    }

    private void enqueue(Change change) {
        if (!open) {
            throw new TaskStoreException("the task journal is closed", null);
        }
        if (!pending.offer(change)) {
            throw new TaskStoreException("the task journal is full (" + (pending.size()) + " changes waiting for the"
                    + " store); the store is slower than the arrivals", null);
        }
    }

    private void writeLoop() {
        List<Change> batch = new ArrayList<>(maxBatch);
        while (open || !pending.isEmpty()) {
            Change first = nextChange();
            if (first == null) {
                continue;
            }
            batch.add(first);
            pending.drainTo(batch, maxBatch - 1);
            write(batch);
            batch.clear();
        }
    }

    /**
     * The next change, or null after a short wait. The writer is never interrupted, not even to close: an interrupt
     * in the middle of a write can close a database's file channel.
     */
    private Change nextChange() {
        try {
            return pending.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void write(List<Change> batch) {
        List<Creation> creations = new ArrayList<>();
        Map<String, Folded> updates = new LinkedHashMap<>();
        List<Change> afterThese = new ArrayList<>();
        for (Change change : batch) {
            switch (change) {
                case Creation creation -> creations.add(creation);
                case Update update -> fold(updates, update, afterThese);
            }
        }
        writeCreations(creations);
        writeUpdates(new ArrayList<>(updates.values()));
        if (!afterThese.isEmpty()) {
            write(afterThese);
        }
    }

    /** Folds an update into the one pending for its task when it continues it; otherwise it waits a round. */
    private static void fold(Map<String, Folded> updates, Update update, List<Change> afterThese) {
        Folded earlier = updates.get(update.update().task().id());
        if (earlier == null) {
            updates.put(update.update().task().id(), new Folded(update));
        } else if (earlier.continuedBy(update.update()) && !waits(afterThese, update)) {
            updates.put(update.update().task().id(), earlier.then(new Folded(update)));
        } else {
            afterThese.add(update);
        }
    }

    private static boolean waits(List<Change> afterThese, Update update) {
        return afterThese.stream().anyMatch(change -> change instanceof Update waiting
                && waiting.update().task().id().equals(update.update().task().id()));
    }

    private void writeCreations(List<Creation> creations) {
        if (creations.isEmpty()) {
            return;
        }
        try {
            List<Task> stored = store.create(creations.stream().map(Creation::task).toList());
            for (int i = 0; i < creations.size(); i++) {
                Creation creation = creations.get(i);
                if (stored.get(i).id().equals(creation.task().id())) {
                    transitions.stored(stored.get(i), stored.get(i).history(), creation.origin());
                }
                creation.done().complete(stored.get(i));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not store {} new tasks: {}", creations.size(), e.getMessage());
            creations.forEach(creation -> creation.done().completeExceptionally(e));
        }
    }

    private void writeUpdates(List<Folded> folded) {
        if (folded.isEmpty()) {
            return;
        }
        try {
            Set<String> stale = store.update(folded.stream().map(Folded::update).toList());
            for (Folded write : folded) {
                boolean written = !stale.contains(write.update().task().id());
                if (written) {
                    write.parts().forEach(this::announce);
                }
                write.complete(written);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not store {} task changes: {}", folded.size(), e.getMessage());
            folded.forEach(f -> f.fail(e));
        }
    }

    private void announce(Update part) {
        transitions.stored(part.update().task(), part.update().moves(), part.origin());
    }

    /** Changes still waiting for the writer. */
    int backlog() {
        return pending.size();
    }

    /** Writes what is pending, then stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private sealed interface Change permits Creation, Update {}

    private record Creation(Task task, Origin origin, CompletableFuture<Task> done) implements Change {}

    private record Update(TaskUpdate update, Origin origin, CompletableFuture<Boolean> done) implements Change {}

    /** Consecutive updates of one task folded into one write; each caller learns the write's fate. */
    private record Folded(TaskUpdate update, List<Update> parts) {

        Folded(Update first) {
            this(first.update(), new ArrayList<>(List.of(first)));
        }

        boolean continuedBy(TaskUpdate later) {
            return later.expectedVersion() == update.task().version();
        }

        Folded then(Folded later) {
            parts.addAll(later.parts());
            return new Folded(new TaskUpdate(later.update().task(), update.expectedVersion()), parts);
        }

        void complete(boolean written) {
            parts.forEach(part -> part.done().complete(written));
        }

        void fail(RuntimeException error) {
            parts.forEach(part -> part.done().completeExceptionally(error));
        }
    }
}
