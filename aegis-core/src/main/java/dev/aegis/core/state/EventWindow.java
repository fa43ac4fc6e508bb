package dev.aegis.core.state;

/**
 * The event times of one sliding window, oldest first, at most {@code capacity} of them: when full, the
 * oldest is dropped to make room. Not thread-safe: the store touches it only inside {@code compute}.
 */
final class EventWindow {

    private final int capacity;
    private long[] times;
    private int head;
    private int tail;

    EventWindow(int capacity) {
        this.capacity = capacity;
        this.times = new long[Math.min(8, capacity)];
    }

    /**
     * Drops events at or before {@code at - window}, records {@code at}, and answers how many events fall in
     * {@code (at - window, at]}.
     */
    int record(long at, long window) {
        dropThrough(Nanos.minus(at, window));
        if (tail - head == capacity) {
            head++;
        }
        insert(at);
        return upperBound(at) - head;
    }

    int size() {
        return tail - head;
    }

    private void dropThrough(long bound) {
        head = upperBound(bound);
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    private void insert(long at) {
        makeRoom();
        int position = upperBound(at);
        System.arraycopy(times, position, times, position + 1, tail - position);
        times[position] = at;
        tail++;
    }

    private void makeRoom() {
        if (tail < times.length) {
            return;
        }
        int size = tail - head;
        boolean grow = size >= times.length / 2 && times.length < capacity;
        long[] target = grow ? new long[Math.min(times.length * 2, capacity)] : times;
        System.arraycopy(times, head, target, 0, size);
        times = target;
        head = 0;
        tail = size;
    }

    /** The first index in {@code [head, tail)} whose time is after {@code time}, or {@code tail}. */
    private int upperBound(long time) {
        int low = head;
        int high = tail;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
