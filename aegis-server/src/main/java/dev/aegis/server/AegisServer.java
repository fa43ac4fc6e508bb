package dev.aegis.server;

import dev.aegis.api.AegisException;
import dev.aegis.api.cache.Cache;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.task.TaskService;
import dev.aegis.core.task.TaskTransitionListener;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ServerConfig;
import dev.aegis.server.http.HttpApi;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A running Aegis node: the agent state store chosen by {@code state.type}, Prometheus metrics with the JVM
 * binders, the audit log and metadata index that record every decision, the engine, the task service, and the
 * Helidon HTTP server on virtual threads.
 *
 * <pre>{@code
 * AegisServer server = AegisServer.start(ConfigLoader.load(Optional.of(file), System.getenv()));
 * server.stopOnShutdown();
 * }</pre>
 */
public final class AegisServer {

    private static final Logger LOG = LoggerFactory.getLogger(AegisServer.class);
    /** Buckets kept per rate limiter; the least recently used go first. */
    private static final long MAX_BUCKETS = 100_000;
    /** Bodies past this many times {@code max_body_bytes} are refused before routing, without being read. */
    private static final long HARD_CAP_FACTOR = 4;

    private final WebServer web;
    private final int port;
    private final List<AutoCloseable> closeables;
    private final Optional<String> generatedKey;
    private final AtomicBoolean draining;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AegisServer(Started started) {
        this.web = started.web();
        this.port = started.web().port();
        this.closeables = started.closeables();
        this.generatedKey = started.keys().generated();
        this.draining = started.draining();
    }

    /** Starts a node on the system clock. */
    public static AegisServer start(AegisConfig config) {
        return start(config, TimeSource.system());
    }

    /**
     * Starts a node; fails fast with a {@link dev.aegis.core.config.ConfigException} on bad configuration and
     * with an {@link dev.aegis.api.AegisException} when a dependency cannot start.
     */
    public static AegisServer start(AegisConfig config, TimeSource time) {
        bridgeJavaUtilLogging();
        ApiKeys keys = ApiKeys.from(config.auth());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<AutoCloseable> closeables = new ArrayList<>(JvmMeters.bind(meters));
        closeables.add(meters::close);
        try {
            AgentStateStore state = StateStores.create(config.state(), config.cluster(), time);
            if (state instanceof AutoCloseable closeable) {
                closeables.addFirst(closeable);
            }
            RuntimeAgentEnvironment environment = new RuntimeAgentEnvironment(state, time,
                    config.configDirectory());
            Warmup.run(config);
            Recording recording = Recording.start(config, time, meters);
            closeables.addFirst(recording);
            recording.started(config, keys);
            AegisEngine engine = AegisEngine.start(config.engine(), environment, meters, List.of(),
                    recording.decisions());
            closeables.addFirst(engine);
            TaskService tasks = startTasks(config, engine, time, meters, recording.tasks());
            closeables.addFirst(() -> tasks.close(config.server().shutdownGrace()));
            closeables.addFirst(Kafka.stream(config, engine, recording.decisions(), meters, time));
            AegisServer server = new AegisServer(
                    listen(config, time, keys, engine, tasks, recording, meters, closeables));
            server.announce(config.server());
            return server;
        } catch (RuntimeException e) {
            closeAll(closeables);
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when the configuration says 0), also after a stop. */
    public int port() {
        return port;
    }

    /** The admin key generated at start when no key was configured and no bootstrap key was given. */
    public Optional<String> generatedKey() {
        return generatedKey;
    }

    /**
     * Stops gracefully: readiness turns 503 and new requests get 503 with {@code Connection: close}; the server
     * stops accepting connections and lets requests in flight finish within {@code server.shutdown_grace}; then
     * the engine and the meters close. Idempotent; a second caller waits for the first.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        LOG.info("stopping: no new connections, requests in flight may finish");
        draining.set(true);
        try {
            web.stop();
        } finally {
            closeAll(closeables);
            stopped.countDown();
            LOG.info("stopped");
        }
    }

    /** Stops this server when the JVM shuts down (SIGTERM, Ctrl-C); for {@code aegis serve}. */
    public AegisServer stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("aegis-shutdown").unstarted(this::stop));
        return this;
    }

    /** Blocks until {@link #stop()} has finished; restores the interrupt flag if interrupted. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TaskService startTasks(AegisConfig config, AegisEngine engine, TimeSource time,
            PrometheusMeterRegistry meters, TaskTransitionListener transitions) {
        TasksConfig tasks = config.tasks().service();
        TaskStore store = TaskStores.create(tasks, config.cluster(), config.server().dataDir());
        TaskQueue queue;
        try {
            queue = TaskStores.queue(tasks, config.cluster(), time);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return TaskService.start(tasks, config.tasks().autoscaler(), store, queue, engine, time, meters,
                transitions);
    }

    private static Started listen(AegisConfig config, TimeSource time, ApiKeys keys, AegisEngine engine,
            TaskService tasks, Recording recording, PrometheusMeterRegistry meters, List<AutoCloseable> closeables) {
        ServerConfig server = config.server();
        AtomicBoolean draining = new AtomicBoolean();
        RateLimiter perIp = Redis.rateLimiter("ip", config.rateLimits().perIp(), config.cluster(), time,
                MAX_BUCKETS);
        closeables.addFirst(closer(perIp));
        RateLimiter perTenant = Redis.rateLimiter("tenant", config.rateLimits().perTenant(), config.cluster(), time,
                MAX_BUCKETS);
        closeables.addFirst(closer(perTenant));
        Cache finishedTasks = Redis.finishedTasks(config.cluster(), time);
        closeables.addFirst(finishedTasks);
        CacheMeters.bind(meters, "finished_tasks", finishedTasks);
        HttpApi api = HttpApi.create(new HttpApi.Parts(
                engine.router(),
                engine.agents(),
                tasks,
                finishedTasks,
                recording.trail(),
                recording.index(),
                keys.authenticator(),
                perIp,
                perTenant,
                meters,
                server.maxBodyBytes(),
                draining::get,
                time));
        WebServer web = WebServer.builder()
                .host(server.host())
                .port(server.port())
                .shutdownGracePeriod(server.shutdownGrace())
                .maxPayloadSize(server.maxBodyBytes() * HARD_CAP_FACTOR)
                .shutdownHook(false)
                .directHandlers(api.directHandlers())
                .routing(api::register)
                .build()
                .start();
        if (!web.isRunning() || web.port() < 0) {
            throw new AegisException("the HTTP server could not listen on " + server.host() + ":" + server.port()
                    + " (is the port in use? the log above has the cause)");
        }
        return new Started(web, closeables, keys, draining);
    }

    private static AutoCloseable closer(Object resource) {
        return resource instanceof AutoCloseable closeable ? closeable : () -> { };
    }

    private void announce(ServerConfig server) {
        LOG.info("listening on http://{}:{}", server.host(), port());
        generatedKey.ifPresent(key -> System.out.println(
                "No API key was configured. Generated an admin key of tenant '" + ApiKeys.DEFAULT_TENANT
                        + "'; it is shown only this once:\n\n    " + key + "\n"));
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("failed to close {} on stop", closeable, e);
            }
        }
    }

    /** Helidon logs through java.util.logging; route it to SLF4J so that every line is JSON. */
    private static synchronized void bridgeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private record Started(WebServer web, List<AutoCloseable> closeables, ApiKeys keys, AtomicBoolean draining) {}
}
