package dev.aegis.server.http;

import dev.aegis.api.task.Task;
import dev.aegis.core.task.Submission;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * {@code /v1/tasks}: submit (202 with {@code Location}, or 200 with the first task when the idempotency key was
 * used before), read one task in full, list the tenant's tasks newest first (without inputs and histories), and
 * cancel. Every call is scoped to the caller's tenant.
 */
final class TaskEndpoints {

    static final String PATH = "/v1/tasks/";

    private final TaskCalls tasks;
    private final JsonBody json;
    private final FinishedTasks finished;

    TaskEndpoints(TaskCalls tasks, JsonBody json, FinishedTasks finished) {
        this.tasks = tasks;
        this.json = json;
        this.finished = finished;
    }

    Reply submit(ServerRequest request, Caller caller) {
        Submission submission = tasks.submit(caller.origin(),
                TaskRequestBody.parse(json.read(request, TaskRequestBody.SHAPE)));
        Task task = submission.task();
        if (!submission.created()) {
            return Reply.json(Status.OK_200, JsonCodec.task(task));
        }
        return Reply.json(Status.ACCEPTED_202, JsonCodec.task(task))
                .withHeaders(List.of(HeaderValues.create(HeaderNames.LOCATION, PATH + task.id())));
    }

    Reply find(ServerRequest request, Caller caller) {
        String id = id(request);
        return Reply.json(Status.OK_200, finished.find(caller.tenant(), id)
                .orElseGet(() -> finished.answer(tasks.find(caller.tenant(), id))));
    }

    Reply list(ServerRequest request, Caller caller) {
        return Reply.json(Status.OK_200,
                JsonCodec.taskPage(tasks.list(caller.tenant(), TaskQueryParameters.parse(request.query()))));
    }

    Reply cancel(ServerRequest request, Caller caller) {
        return Reply.json(Status.OK_200, JsonCodec.task(tasks.cancel(caller.origin(), id(request))));
    }

    private static String id(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }
}
