package dev.aegis.kafka.stream;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What one partition's records of a poll came to: every record before {@code nextOffset} was answered on Kafka and
 * may be committed; when an {@code outage} stopped the partition, reading must go on at {@code nextOffset}.
 */
record PartitionResult(TopicPartition partition, long firstOffset, long nextOffset, Optional<String> outage,
        int evaluated, int deadLettered) {

    /** A partition whose run failed before anything of it could be relied on. */
    static PartitionResult failed(TopicPartition partition, long firstOffset, String why) {
        return new PartitionResult(partition, firstOffset, firstOffset, Optional.of(why), 0, 0);
    }

    boolean progressed() {
        return nextOffset > firstOffset;
    }
}
