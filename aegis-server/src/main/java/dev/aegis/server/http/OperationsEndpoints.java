package dev.aegis.server.http;

import dev.aegis.api.AegisException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Liveness, readiness, Prometheus metrics and the OpenAPI document; none needs a key. */
final class OperationsEndpoints {

    static final String OPENAPI_RESOURCE = "openapi.yaml";
    private static final Header PROMETHEUS_TEXT =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    private static final Header YAML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/yaml");
    private static final byte[] UP = JsonCodec.object("status", "UP");
    private static final byte[] READY = JsonCodec.object("status", "READY");

    private final PrometheusMeterRegistry meters;
    private final BooleanSupplier draining;
    private final byte[] openApi;

    OperationsEndpoints(PrometheusMeterRegistry meters, BooleanSupplier draining) {
        this.meters = meters;
        this.draining = draining;
        this.openApi = openApiDocument();
    }

    Reply health(ServerRequest request, Caller caller) {
        return Reply.json(Status.OK_200, UP);
    }

    /** Ready while the engine runs and the server is not draining; 503 otherwise, so balancers move away. */
    Reply ready(ServerRequest request, Caller caller) {
        if (draining.getAsBoolean()) {
            throw shuttingDown();
        }
        return Reply.json(Status.OK_200, READY);
    }

    Reply metrics(ServerRequest request, Caller caller) {
        return new Reply(Status.OK_200, PROMETHEUS_TEXT, meters.scrape().getBytes(StandardCharsets.UTF_8), List.of());
    }

    Reply openApi(ServerRequest request, Caller caller) {
        return new Reply(Status.OK_200, YAML, openApi, List.of());
    }

    static ProblemException shuttingDown() {
        return ProblemException.unavailable("the server is shutting down; retry on another node");
    }

    private static byte[] openApiDocument() {
        try (InputStream in = OperationsEndpoints.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new AegisException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AegisException("cannot read " + OPENAPI_RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
