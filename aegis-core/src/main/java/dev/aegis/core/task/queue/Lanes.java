package dev.aegis.core.task.queue;

import dev.aegis.api.task.Priority;
import java.util.ArrayDeque;

/**
 * The ready tasks, one FIFO lane per priority, and the rule that picks the next one: the most urgent lane, except
 * that lanes below CRITICAL get a share of takes when they are being passed over. Entries forgotten while in a lane
 * are skipped when they reach its head. Guarded by the queue's lock.
 */
final class Lanes {

    private static final int CRITICAL = Priority.CRITICAL.ordinal();

    private final ArrayDeque<QueueEntry>[] lanes;
    private final int[] sizes;
    private final long passOverLimit;
    private long passedOver;
    private int total;

    @SuppressWarnings("unchecked")
    Lanes(double lowerShare) {
        int count = Priority.values().length;
        lanes = new ArrayDeque[count];
        sizes = new int[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new ArrayDeque<>();
        }
        passOverLimit = lowerShare == 0 ? Long.MAX_VALUE : Math.round(Math.ceil(1 / lowerShare)) - 1;
    }

    void add(QueueEntry entry, long nowNanos) {
        entry.place = QueueEntry.Place.READY;
        entry.readySince = nowNanos;
        lanes[entry.rank()].addLast(entry);
        count(entry, 1);
    }

    /** Back at the head of its lane: a task whose lease expired has waited longest. */
    void addFirst(QueueEntry entry) {
        entry.place = QueueEntry.Place.READY;
        lanes[entry.rank()].addFirst(entry);
        count(entry, 1);
    }

    void forget(QueueEntry entry) {
        entry.place = QueueEntry.Place.GONE;
        count(entry, -1);
    }

    int size() {
        return total;
    }

    int size(Priority priority) {
        return sizes[priority.ordinal()];
    }

    /** Removes and answers the next entry; call only when {@link #size()} is positive. */
    QueueEntry next() {
        int urgent = firstNonEmpty(0);
        int lane = urgent == CRITICAL ? urgent : shareOrStrict(urgent);
        QueueEntry entry = head(lane);
        lanes[lane].pollFirst();
        count(entry, -1);
        return entry;
    }

    private int shareOrStrict(int urgent) {
        int starving = oldestBelow(urgent);
        if (starving < 0) {
            return urgent;
        }
        if (++passedOver > passOverLimit) {
            passedOver = 0;
            return starving;
        }
        return urgent;
    }

    private int oldestBelow(int lane) {
        int oldest = -1;
        for (int i = lane + 1; i < lanes.length; i++) {
            if (sizes[i] > 0 && (oldest < 0 || head(i).readySince < head(oldest).readySince)) {
                oldest = i;
            }
        }
        return oldest;
    }

    private int firstNonEmpty(int from) {
        for (int i = from; i < sizes.length; i++) {
            if (sizes[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("no ready task");
    }

    /** The live head of a non-empty lane, dropping forgotten entries on the way. */
    private QueueEntry head(int lane) {
        QueueEntry head = lanes[lane].peekFirst();
        while (head.place != QueueEntry.Place.READY) {
            lanes[lane].pollFirst();
            head = lanes[lane].peekFirst();
        }
        return head;
    }

    private void count(QueueEntry entry, int delta) {
        sizes[entry.rank()] += delta;
        total += delta;
    }

    void clear() {
        for (int i = 0; i < lanes.length; i++) {
            lanes[i].clear();
            sizes[i] = 0;
        }
        total = 0;
        passedOver = 0;
    }
}
