/**
 * Streaming evaluation: {@link dev.aegis.kafka.stream.StreamEvaluator} reads events keyed by subject from a Kafka
 * topic, evaluates each with the pipeline it names through an {@link dev.aegis.kafka.stream.EventEvaluator}, and
 * writes each decision, keyed by subject, to the decisions topic; records it cannot use go to a dead-letter topic.
 * Offsets are committed only after Kafka acknowledged what a record produced (docs/streaming.md).
 */
package dev.aegis.kafka.stream;
