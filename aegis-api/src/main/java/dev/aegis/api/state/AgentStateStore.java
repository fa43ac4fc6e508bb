package dev.aegis.api.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * State that agents keep between calls, per key: sliding windows of events, last values and sets of seen
 * members. A port: embedded in the JVM by default, shared (Redis) in a cluster. Every operation is atomic
 * per key; every key expires when unused for its time to live.
 */
public interface AgentStateStore {

    /**
     * Records one event at {@code at} in the sliding window under {@code key} and answers how many events
     * fall in {@code (at - window, at]}, this one included. Events older than the window are dropped.
     */
    int recordInWindow(String key, Instant at, Duration window);

    /** Stores {@code value} under {@code key} for {@code ttl} and answers the value it replaced, if any. */
    Optional<String> swap(String key, String value, Duration ttl);

    /**
     * Adds {@code member} to the set under {@code key}, keeping the set for {@code ttl} from now, and answers
     * whether the member is new to the set.
     */
    boolean addMember(String key, String member, Duration ttl);
}
