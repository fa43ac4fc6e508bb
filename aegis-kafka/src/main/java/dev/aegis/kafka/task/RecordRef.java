package dev.aegis.kafka.task;

import org.apache.kafka.common.TopicPartition;

/** Where a queued task's record lies, and which version of the task it holds. */
record RecordRef(TopicPartition partition, long offset, long version, boolean delayed) {
}
