package dev.aegis.core.state;

import java.util.LinkedHashSet;

/** What the embedded store keeps under one key, with the time to live its last write gave it. */
sealed interface StateEntry {

    long ttlNanos();

    /** A sliding window; the {@link EventWindow} is only touched inside the key's {@code compute}. */
    record Window(EventWindow events, long ttlNanos) implements StateEntry {}

    record Value(String value, long ttlNanos) implements StateEntry {}

    /** A set in insertion order, so that the oldest member goes first when it is full. */
    record Members(LinkedHashSet<String> members, int capacity, long ttlNanos) implements StateEntry {

        static Members empty(int capacity, long ttlNanos) {
            return new Members(new LinkedHashSet<>(), capacity, ttlNanos);
        }

        Members withTtl(long newTtlNanos) {
            return new Members(members, capacity, newTtlNanos);
        }

        /** Adds {@code member}, dropping the oldest when full; answers whether it was new. */
        boolean add(String member) {
            if (members.contains(member)) {
                return false;
            }
            if (members.size() == capacity) {
                members.removeFirst();
            }
            return members.add(member);
        }
    }
}
