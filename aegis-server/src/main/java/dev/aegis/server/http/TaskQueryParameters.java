package dev.aegis.server.http;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import io.helidon.common.parameters.Parameters;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the query of {@code GET /v1/tasks}: {@code status} and {@code priority} (any case), {@code limit} (1 to
 * 1000, default 50) and {@code cursor} (the {@code next_cursor} of the previous page). An empty value counts as
 * absent; a bad, repeated or unknown parameter is a 400 naming it.
 */
final class TaskQueryParameters {

    static final int DEFAULT_LIMIT = 50;

    private static final List<String> NAMES = List.of("status", "priority", "limit", "cursor");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private TaskQueryParameters() {}

    static TaskQuery parse(Parameters query) {
        requireOnlyKnown(query);
        return new TaskQuery(value(query, "status").map(TaskQueryParameters::status),
                value(query, "priority").map(TaskQueryParameters::priority),
                value(query, "limit").map(TaskQueryParameters::limit).orElse(DEFAULT_LIMIT),
                value(query, "cursor"));
    }

    private static void requireOnlyKnown(Parameters query) {
        for (String name : query.names()) {
            if (!NAMES.contains(name)) {
                throw ProblemException.invalidField(name,
                        "unknown query parameter '" + name + "'; the parameters are " + NAMES);
            }
        }
    }

    private static Optional<String> value(Parameters query, String name) {
        List<String> values = query.all(name, List::of);
        if (values.size() > 1) {
            throw ProblemException.invalidField(name,
                    name + " may be given once, was given " + values.size() + " times");
        }
        return values.stream().findFirst().filter(value -> !value.isEmpty());
    }

    private static TaskStatus status(String name) {
        return TaskStatus.parse(name).orElseThrow(() -> ProblemException.invalidField("status",
                "status must be one of " + Arrays.toString(TaskStatus.values()) + ", was '" + name + "'"));
    }

    private static Priority priority(String label) {
        return Priority.parse(label).orElseThrow(() -> ProblemException.invalidField("priority",
                "priority must be one of " + TaskRequestBody.PRIORITIES + ", was '" + label + "'"));
    }

    private static int limit(String text) {
        if (DIGITS.matcher(text).matches()) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= TaskQuery.MAX_LIMIT) {
                return limit;
            }
        }
        throw ProblemException.invalidField("limit",
                "limit must be an integer from 1 to " + TaskQuery.MAX_LIMIT + ", was '" + text + "'");
    }
}
