package dev.aegis.core.task;

import dev.aegis.api.time.TimeSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Task instants are kept to the microsecond, what every task store keeps, so a task reads back as it was written. */
final class TaskInstants {

    private TaskInstants() {
    }

    static Instant now(TimeSource time) {
        return micros(time.now());
    }

    static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
