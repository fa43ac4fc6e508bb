package dev.aegis.kafka.stream;

import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import dev.aegis.api.state.AgentStateUnavailableException;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.kafka.KafkaUnavailableException;
import org.apache.kafka.common.KafkaException;

/**
 * Which failures are a dependency being down, so that the event must be tried again later rather than
 * dead-lettered: the audit log behind, Kafka, or a port's adapter reporting its store unreachable.
 */
final class Outages {

    private Outages() {}

    static boolean isOutage(RuntimeException failure) {
        return failure instanceof DecisionNotRecordedException
                || failure instanceof KafkaUnavailableException
                || failure instanceof KafkaException
                || failure instanceof AuditLogException
                || failure instanceof AgentStateUnavailableException
                || failure instanceof MetadataIndexException
                || failure instanceof CacheUnavailableException
                || failure instanceof RateLimiterUnavailableException
                || failure instanceof TaskStoreException;
    }
}
