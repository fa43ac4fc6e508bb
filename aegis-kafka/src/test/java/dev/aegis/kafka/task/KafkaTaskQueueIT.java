package dev.aegis.kafka.task;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.kafka.LocalKafka;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.task.TaskQueueContract;
import java.time.Duration;

/** The task queue contract on a real Kafka broker, each test under topics of its own. */
class KafkaTaskQueueIT extends TaskQueueContract {

    @Override
    protected TaskQueue createQueue(ManualClock clock) {
        return KafkaTaskQueue.open(LocalKafka.settings(3), clock,
                new KafkaQueueSettings(500, Duration.ofMillis(200), 10, 0));
    }
}
