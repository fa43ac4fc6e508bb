package dev.aegis.server.http;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import io.helidon.common.parameters.Parameters;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the query of {@code GET /v1/tasks}: {@code status} and {@code priority} (any case), {@code limit} (1 to
 * 1000, default 50) and {@code cursor} (the {@code next_cursor} of the previous page). An empty value counts as
 * absent; a bad, repeated or unknown parameter is a 400 naming it.
 */
final class TaskQueryParameters {

    static final int DEFAULT_LIMIT = 50;

    private static final List<String> NAMES = List.of("status", "priority", "limit", "cursor");

    private TaskQueryParameters() {}

    static TaskQuery parse(Parameters query) {
        QueryParameters parameters = QueryParameters.of(query, NAMES);
        return new TaskQuery(parameters.value("status").map(TaskQueryParameters::status),
                parameters.value("priority").map(TaskQueryParameters::priority),
                parameters.limit(DEFAULT_LIMIT, TaskQuery.MAX_LIMIT),
                parameters.value("cursor"));
    }

    private static TaskStatus status(String name) {
        return TaskStatus.parse(name).orElseThrow(() -> ProblemException.invalidField("status",
                "status must be one of " + Arrays.toString(TaskStatus.values()) + ", was '" + name + "'"));
    }

    private static Priority priority(String label) {
        return Priority.parse(label).orElseThrow(() -> ProblemException.invalidField("priority",
                "priority must be one of " + TaskRequestBody.PRIORITIES + ", was '" + label + "'"));
    }
}
