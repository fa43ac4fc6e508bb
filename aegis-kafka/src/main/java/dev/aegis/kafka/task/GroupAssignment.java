package dev.aegis.kafka.task;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task group's assignment as its coordinator sees it. A node that joins waits until the group has settled:
 * the target assignment is computed for the group as it is now, it spreads partitions of every task topic (a topic
 * reaches the coordinator with all its partitions at once), and this node holds exactly its share. Only then do its
 * takes see every offer it makes to its own partitions.
 */
final class GroupAssignment {

    private static final Logger LOG = LoggerFactory.getLogger(GroupAssignment.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

    private final Admin admin;
    private final String group;
    private final Set<String> topics;
    private final Duration timeout;

    GroupAssignment(Admin admin, String group, List<String> topics, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.topics = Set.copyOf(topics);
        this.timeout = timeout;
    }

    /**
     * Waits up to the Kafka timeout until the group has settled with the member (its id empty until it joined)
     * holding exactly what {@code held} answers.
     *
     * @return whether it settled in time
     */
    boolean awaitSettled(Supplier<String> member, Supplier<Set<TopicPartition>> held) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!settled(member.get(), held.get())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, CHECK_INTERVAL.toNanos()));
        }
        return true;
    }

    private boolean settled(String member, Set<TopicPartition> held) {
        if (member.isEmpty()) {
            return false;
        }
        ConsumerGroupDescription description;
        try {
            description = describe();
        } catch (KafkaException e) {
            LOG.debug("the task group's assignment could not be read ({}); asking again", e.toString());
            return false;
        }
        if (!description.groupEpoch().equals(description.targetAssignmentEpoch())) {
            return false;
        }
        Set<String> spread = new HashSet<>();
        Optional<Set<TopicPartition>> share = Optional.empty();
        for (MemberDescription each : description.members()) {
            Set<TopicPartition> target = each.targetAssignment().orElse(each.assignment()).topicPartitions();
            target.forEach(partition -> spread.add(partition.topic()));
            if (each.consumerId().equals(member)) {
                share = Optional.of(target);
            }
        }
        return spread.containsAll(topics) && share.map(held::equals).orElse(false);
    }

    private ConsumerGroupDescription describe() {
        try {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("the task group's coordinator did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while asking for the task group's assignment", e);
        }
    }
}
