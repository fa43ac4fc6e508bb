package dev.aegis.core.task.queue;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link TaskQueue}: one FIFO lane per priority, a timeline of tasks waiting for their run time and
 * one of leases waiting to expire, all under one lock. It keeps nothing on disk: the task store is the journal,
 * and the task service replays unfinished tasks into a new queue when the node starts.
 *
 * <p>CRITICAL is always served first. Below it, {@code lowerShare} keeps lower priorities from starving: after
 * {@code 1 / lowerShare} takes that passed over a waiting lower-priority task, the next take serves the lower
 * priority whose oldest task has waited longest. A share of 0 is strict priority.
 */
public final class InMemoryTaskQueue implements TaskQueue {

    private final TimeSource time;
    private final Lanes lanes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition offered = lock.newCondition();
    private final Map<String, QueueEntry> entries = new HashMap<>();
    private final PriorityQueue<QueueEntry> delayed = new PriorityQueue<>(QueueEntry.BY_RUN_AT);
    private final TreeMap<QueueEntry.LeaseKey, QueueEntry> leases = new TreeMap<>();
    private long sequence;
    private long tokens;
    private int leasedCount;

    public InMemoryTaskQueue(TimeSource time, double lowerShare) {
        if (!(lowerShare >= 0 && lowerShare <= 0.5)) {
            throw new IllegalArgumentException("lower priority share must be from 0 to 0.5, was " + lowerShare);
        }
        this.time = time;
        this.lanes = new Lanes(lowerShare);
    }

    @Override
    public void offer(List<Task> tasks) {
        lock.lock();
        try {
            Instant now = time.now();
            tasks.forEach(task -> place(task, now));
            offered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void place(Task task, Instant now) {
        QueueEntry previous = entries.get(task.id());
        if (previous != null && previous.place == QueueEntry.Place.LEASED) {
            return;
        }
        if (previous != null) {
            drop(previous);
        }
        QueueEntry entry = new QueueEntry(task, ++sequence);
        entries.put(task.id(), entry);
        if (task.runAt().isAfter(now)) {
            entry.place = QueueEntry.Place.DELAYED;
            delayed.add(entry);
        } else {
            lanes.add(entry, time.nanoTime());
        }
    }

    @Override
    public List<Lease> take(int max, Duration leaseFor, Duration wait) throws InterruptedException {
        long deadline = time.nanoTime() + wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = time.now();
                promote(now);
                if (lanes.size() > 0) {
                    return leaseUpTo(max, now, leaseFor);
                }
                long left = Math.min(deadline - time.nanoTime(), nanosUntilNextEvent(now));
                if (left <= 0 || wait.isZero()) {
                    return List.of();
                }
                offered.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Lease> leaseUpTo(int max, Instant now, Duration leaseFor) {
        List<Lease> taken = new ArrayList<>(Math.min(max, lanes.size()));
        while (taken.size() < max && lanes.size() > 0) {
            QueueEntry entry = lanes.next();
            taken.add(entry.lease(++tokens, now, leaseFor));
            leases.put(entry.leaseKey(), entry);
            leasedCount++;
        }
        return taken;
    }

    /** Moves tasks whose run time came into their lanes, and tasks whose lease expired back to the front. */
    private void promote(Instant now) {
        while (!delayed.isEmpty() && !delayed.peek().task.runAt().isAfter(now)) {
            QueueEntry entry = delayed.poll();
            if (entry.place == QueueEntry.Place.DELAYED) {
                lanes.add(entry, time.nanoTime());
            }
        }
        while (!leases.isEmpty() && leases.firstKey().expiry().isBefore(now)) {
            QueueEntry entry = leases.pollFirstEntry().getValue();
            leasedCount--;
            lanes.addFirst(entry);
        }
    }

    private long nanosUntilNextEvent(Instant now) {
        long next = Long.MAX_VALUE;
        if (!delayed.isEmpty()) {
            next = Duration.between(now, delayed.peek().task.runAt()).toNanos();
        }
        if (!leases.isEmpty()) {
            next = Math.min(next, Duration.between(now, leases.firstKey().expiry()).toNanos() + 1);
        }
        return Math.max(next, TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Override
    public boolean renew(Lease lease, Duration leaseFor) {
        lock.lock();
        try {
            QueueEntry entry = entries.get(lease.task().id());
            if (entry == null || !entry.holds(lease) || entry.leaseExpiry.isBefore(time.now())) {
                return false;
            }
            leases.remove(entry.leaseKey());
            entry.leaseExpiry = time.now().plus(leaseFor);
            leases.put(entry.leaseKey(), entry);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean acknowledge(Lease lease) {
        lock.lock();
        try {
            promote(time.now());
            QueueEntry entry = entries.get(lease.task().id());
            if (entry == null || !entry.holds(lease)) {
                return false;
            }
            drop(entry);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(String taskId) {
        lock.lock();
        try {
            promote(time.now());
            QueueEntry entry = entries.get(taskId);
            if (entry == null || entry.place == QueueEntry.Place.LEASED) {
                return false;
            }
            drop(entry);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void drop(QueueEntry entry) {
        switch (entry.place) {
            case READY -> lanes.forget(entry);
            case LEASED -> {
                leases.remove(entry.leaseKey());
                leasedCount--;
            }
            case DELAYED, GONE -> { }
        }
        entry.place = QueueEntry.Place.GONE;
        entries.remove(entry.task.id(), entry);
    }

    @Override
    public Map<Priority, Integer> readyDepth() {
        lock.lock();
        try {
            promote(time.now());
            Map<Priority, Integer> depth = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                depth.put(priority, lanes.size(priority));
            }
            return depth;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int leased() {
        lock.lock();
        try {
            promote(time.now());
            return leasedCount;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            entries.clear();
            delayed.clear();
            leases.clear();
            lanes.clear();
            leasedCount = 0;
        } finally {
            lock.unlock();
        }
    }
}
