package dev.aegis.server.http;

import dev.aegis.server.auth.Role;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every route the server registers, in one table: {@code openapi.yaml} is tested against it, and
 * {@link HttpApi#register} registers exactly these.
 */
enum Route {
    HEALTH(Method.GET, "/health", Access.PUBLIC),
    READY(Method.GET, "/ready", Access.PUBLIC),
    METRICS(Method.GET, "/metrics", Access.PUBLIC),
    OPENAPI(Method.GET, "/openapi.yaml", Access.PUBLIC),
    AGENTS(Method.GET, "/v1/agents", Access.ANY_ROLE),
    PIPELINES(Method.GET, "/v1/pipelines", Access.ANY_ROLE),
    EVALUATE(Method.POST, "/v1/pipelines/{name}/evaluate", Access.SUBMIT),
    SUBMIT_TASK(Method.POST, "/v1/tasks", Access.SUBMIT),
    LIST_TASKS(Method.GET, "/v1/tasks", Access.ANY_ROLE),
    GET_TASK(Method.GET, "/v1/tasks/{id}", Access.ANY_ROLE),
    CANCEL_TASK(Method.POST, "/v1/tasks/{id}/cancel", Access.SUBMIT),
    SUBJECT_DECISIONS(Method.GET, "/v1/subjects/{subject}/decisions", Access.ANY_ROLE),
    FIND_DECISIONS(Method.GET, "/v1/decisions", Access.ANY_ROLE),
    VERIFY_AUDIT(Method.GET, "/v1/audit/verify", Access.AUDIT);

    private final Method method;
    private final String path;
    private final Access access;
    private final PathMatcher matcher;

    Route(Method method, String path, Access access) {
        this.method = method;
        this.path = path;
        this.access = access;
        this.matcher = PathMatchers.create(path);
    }

    Method method() {
        return method;
    }

    /** The path template, as registered and as the {@code uri} tag of request metrics. */
    String path() {
        return path;
    }

    Access access() {
        return access;
    }

    PathMatcher matcher() {
        return matcher;
    }

    /** Who may call a route. */
    enum Access {
        /** No key needed, no rate limit: probes, metrics, the API description. */
        PUBLIC(Set.of()),
        /** Any valid key. */
        ANY_ROLE(EnumSet.allOf(Role.class)),
        /** Keys that may submit work, or cancel it. */
        SUBMIT(EnumSet.of(Role.SUBMITTER, Role.OPERATOR, Role.ADMIN)),
        /** Keys that may check the audit log. */
        AUDIT(EnumSet.of(Role.AUDITOR, Role.ADMIN));

        private final Set<Role> roles;

        Access(Set<Role> roles) {
            this.roles = Set.copyOf(roles);
        }

        boolean authenticated() {
            return this != PUBLIC;
        }

        Set<Role> roles() {
            return roles;
        }
    }
}
