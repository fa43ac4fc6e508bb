package dev.aegis.server.http;

import dev.aegis.api.task.IllegalTaskTransitionException;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.core.audit.Origin;
import dev.aegis.core.task.InvalidTaskException;
import dev.aegis.core.task.Submission;
import dev.aegis.core.task.TaskRequest;
import dev.aegis.core.task.TaskService;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task service as the API sees it: each call answers the tenant's value or ends the request with a problem.
 * A request the service refuses is a 400 naming the field; an unknown task (or another tenant's) a 404; a cancel
 * of a task that already ended a 409 that says how it ended; and a store that is down or full a 503 with
 * {@code Retry-After}, whatever the call (nothing was accepted or changed).
 */
final class TaskCalls {

    static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TaskCalls.class);
    private static final Header RETRY_AFTER =
            HeaderValues.createCached(HeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));

    private final TaskService tasks;

    TaskCalls(TaskService tasks) {
        this.tasks = tasks;
    }

    Submission submit(Origin origin, TaskRequest request) {
        try {
            return guarded(() -> tasks.submit(origin, request));
        } catch (InvalidTaskException e) {
            throw ProblemException.invalidField(e.field(), e.getMessage());
        }
    }

    Task find(String tenant, String id) {
        return guarded(() -> tasks.find(tenant, id)).orElseThrow(() -> notFound(id));
    }

    TaskPage list(String tenant, TaskQuery query) {
        return guarded(() -> tasks.list(tenant, query));
    }

    Task cancel(Origin origin, String id) {
        try {
            return guarded(() -> tasks.cancel(origin, id)).orElseThrow(() -> notFound(id));
        } catch (IllegalTaskTransitionException e) {
            throw new ProblemException(ProblemType.CONFLICT, "task " + id + " is already " + e.from()
                    + "; only a QUEUED, RUNNING or FAILED task can be cancelled");
        }
    }

    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (TaskStoreException e) {
            LOG.warn("the task store failed: {}", e.getMessage());
            throw new ProblemException(ProblemType.UNAVAILABLE, "the task store is unavailable; nothing was "
                    + "accepted or changed by this request; retry in " + RETRY_AFTER_SECONDS + " s",
                    Optional.empty(), List.of(RETRY_AFTER));
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "no task " + id);
    }
}
