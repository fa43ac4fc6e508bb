package dev.aegis.server.http;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.router.Router;
import dev.aegis.core.task.TaskService;
import dev.aegis.server.auth.Authenticator;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The HTTP API: registers every {@code Route} on a Helidon routing, each framed by {@code ApiHandler}
 * (request id, admission, problems, metrics), plus a last handler that answers 404 or 405 as problems.
 */
public final class HttpApi {

    /** What the API serves from. {@code draining} turns true when the server starts to stop. */
    public record Parts(
            Router router,
            AgentRegistry agents,
            TaskService tasks,
            Cache finishedTasks,
            AuditTrail audit,
            Optional<MetadataIndex> index,
            Authenticator authenticator,
            RateLimiter perIp,
            RateLimiter perTenant,
            PrometheusMeterRegistry meters,
            long maxBodyBytes,
            BooleanSupplier draining,
            TimeSource time) {

        public Parts {
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(agents, "agents");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(finishedTasks, "finishedTasks");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(perIp, "perIp");
            Objects.requireNonNull(perTenant, "perTenant");
            Objects.requireNonNull(meters, "meters");
            Objects.requireNonNull(draining, "draining");
            Objects.requireNonNull(time, "time");
        }
    }

    private final Parts parts;
    private final Admission admission;
    private final HttpMetrics metrics;
    private final EvaluateEndpoint evaluate;
    private final TaskEndpoints tasks;
    private final DecisionEndpoints decisions;
    private final AuditEndpoints audit;
    private final RegistryEndpoints registry;
    private final OperationsEndpoints operations;

    private HttpApi(Parts parts) {
        this.parts = parts;
        this.admission = new Admission(parts.authenticator(), parts.perIp(), parts.perTenant());
        this.metrics = new HttpMetrics(parts.meters());
        JsonBody json = new JsonBody(parts.maxBodyBytes());
        this.evaluate = new EvaluateEndpoint(parts.router(), json);
        this.tasks = new TaskEndpoints(new TaskCalls(parts.tasks()), json,
                new FinishedTasks(parts.finishedTasks()));
        this.decisions = new DecisionEndpoints(parts.index());
        this.audit = new AuditEndpoints(parts.audit(), parts.time());
        this.registry = new RegistryEndpoints(parts.agents(), parts.router());
        this.operations = new OperationsEndpoints(parts.meters(), parts.draining());
    }

    public static HttpApi create(Parts parts) {
        return new HttpApi(parts);
    }

    /** Registers every route, then the 404/405 handler, on {@code routing}. */
    public void register(HttpRouting.Builder routing) {
        for (Route route : Route.values()) {
            Endpoint endpoint = endpoint(route);
            ApiHandler.Action action = (request, requestId) -> admitted(route, endpoint, request, requestId);
            routing.route(route.method(), route.path(),
                    new ApiHandler(route.path(), action, metrics, parts.draining()));
        }
        ApiHandler.Action unmatched = (request, requestId) -> unmatched(request);
        routing.any(new ApiHandler(HttpMetrics.UNMATCHED, unmatched, metrics, parts.draining()));
    }

    /** Problem responses for requests Helidon rejects before routing. */
    public DirectHandlers directHandlers() {
        return TransportProblems.handlers();
    }

    private Reply admitted(Route route, Endpoint endpoint, ServerRequest request, String requestId) {
        if (route.access().authenticated() && parts.draining().getAsBoolean()) {
            throw OperationsEndpoints.shuttingDown();
        }
        Caller caller = admission.admit(route, request, requestId);
        try {
            return endpoint.serve(request, caller).withHeaders(caller.rateLimitHeaders());
        } catch (ProblemException e) {
            throw e.withHeaders(caller.rateLimitHeaders());
        }
    }

    private Endpoint endpoint(Route route) {
        return switch (route) {
            case HEALTH -> operations::health;
            case READY -> operations::ready;
            case METRICS -> operations::metrics;
            case OPENAPI -> operations::openApi;
            case AGENTS -> registry::agents;
            case PIPELINES -> registry::pipelines;
            case EVALUATE -> evaluate;
            case SUBMIT_TASK -> tasks::submit;
            case LIST_TASKS -> tasks::list;
            case GET_TASK -> tasks::find;
            case CANCEL_TASK -> tasks::cancel;
            case SUBJECT_DECISIONS -> decisions::forSubject;
            case FIND_DECISIONS -> decisions::find;
            case VERIFY_AUDIT -> audit::verify;
        };
    }

    private static Reply unmatched(ServerRequest request) {
        Method method = request.prologue().method();
        List<String> allowed = Arrays.stream(Route.values())
                .filter(route -> route.matcher().match(request.path()).accepted())
                .map(route -> route.method().text())
                .toList();
        String target = method.text() + " " + request.path().path();
        if (allowed.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no route for " + target + "; see /openapi.yaml");
        }
        throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, target + " is not allowed; allowed: " + allowed,
                Optional.empty(), List.of(HeaderValues.create(HeaderNames.ALLOW, String.join(", ", allowed))));
    }
}
