package dev.aegis.kafka.task;

import dev.aegis.api.task.Priority;
import dev.aegis.kafka.KafkaSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The queue's topics: one per priority for tasks ready now, one for tasks that wait for their run time (retries,
 * mostly), and a dead-letter topic for records the queue gave up on. Records are keyed by task id, so every copy of
 * a task lands on one partition and reaches one node in order.
 */
final class TaskTopics {

    private final Map<Priority, String> byPriority = new EnumMap<>(Priority.class);
    private final Map<String, Priority> byTopic = new HashMap<>();
    private final String retry;
    private final String dead;
    private final String group;

    TaskTopics(KafkaSettings settings) {
        for (Priority priority : Priority.values()) {
            String topic = settings.name("tasks." + priority.name().toLowerCase(Locale.ROOT));
            byPriority.put(priority, topic);
            byTopic.put(topic, priority);
        }
        retry = settings.name("tasks.retry");
        dead = settings.name("tasks.dead");
        group = settings.name("tasks");
    }

    String of(Priority priority) {
        return byPriority.get(priority);
    }

    /** The priority whose topic this is; empty for the retry topic. */
    Optional<Priority> priorityOf(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    String retry() {
        return retry;
    }

    String dead() {
        return dead;
    }

    String group() {
        return group;
    }

    /** The topics a node consumes. */
    List<String> consumed() {
        List<String> topics = new ArrayList<>(byPriority.values());
        topics.add(retry);
        return topics;
    }

    List<String> all() {
        List<String> topics = consumed();
        topics.add(dead);
        return topics;
    }
}
