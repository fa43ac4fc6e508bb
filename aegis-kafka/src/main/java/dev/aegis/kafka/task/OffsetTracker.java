package dev.aegis.kafka.task;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each owned partition are consumed but not done. A partition's offset may be committed up to its
 * oldest record not done: every record before it is acknowledged, removed, replaced or dead-lettered.
 */
final class OffsetTracker {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    synchronized void fetched(TopicPartition partition, long offset) {
        Partition owned = partitions.computeIfAbsent(partition, p -> new Partition());
        owned.pending.add(offset);
        owned.next = Math.max(owned.next, offset + 1);
    }

    synchronized void done(RecordRef ref) {
        Partition owned = partitions.get(ref.partition());
        if (owned != null) {
            owned.pending.remove(ref.offset());
        }
    }

    /**
     * For each chosen partition with records done since it was last asked, the offset up to which all are done.
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(Predicate<TopicPartition> chosen) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, owned) -> {
            if (!chosen.test(partition)) {
                return;
            }
            long upTo = owned.pending.isEmpty() ? owned.next : owned.pending.first();
            if (upTo > owned.committed) {
                offsets.put(partition, new OffsetAndMetadata(upTo));
                owned.committed = upTo;
            }
        });
        return offsets;
    }

    synchronized void forget(TopicPartition partition) {
        partitions.remove(partition);
    }

    private static final class Partition {
        private final NavigableSet<Long> pending = new TreeSet<>();
        private long next = -1;
        private long committed = -1;
    }
}
