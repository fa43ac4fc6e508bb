package dev.aegis.kafka.stream;

import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * When each partition stopped by an outage may be read again: the first wait after a success is {@code initial},
 * each further failure in a row doubles it, up to {@code max}. Used by the poll thread only.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final TimeSource time;
    private final Map<TopicPartition, Integer> failures = new HashMap<>();
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    RetryBackoff(Duration initial, Duration max, TimeSource time) {
        this.initial = initial;
        this.max = max;
        this.time = time;
    }

    /** Records a failure of {@code partition}; returns how long it waits. */
    Duration failed(TopicPartition partition) {
        int inARow = failures.merge(partition, 1, Integer::sum);
        Duration wait = initial.multipliedBy(1L << Math.min(inARow - 1, 30));
        Duration capped = wait.compareTo(max) > 0 ? max : wait;
        resumeAt.put(partition, time.nanoTime() + capped.toNanos());
        return capped;
    }

    void succeeded(TopicPartition partition) {
        failures.remove(partition);
    }

    /** The partitions whose wait is over, no longer waiting. */
    List<TopicPartition> due() {
        long now = time.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        resumeAt.entrySet().removeIf(entry -> {
            boolean over = now - entry.getValue() >= 0;
            if (over) {
                due.add(entry.getKey());
            }
            return over;
        });
        return due;
    }

    /** Forgets partitions this node no longer holds. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            failures.remove(partition);
            resumeAt.remove(partition);
        });
    }
}
