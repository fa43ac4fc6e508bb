/** Kafka adapters of the ports: the task queue spread over nodes, and streaming evaluation. */
package dev.aegis.kafka;
