package dev.aegis.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.server.config.AegisConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JIT before a node listens: synthetic logins run through a throwaway engine built from the
 * pipelines whose agents are all in-process built-ins without outside effects. The throwaway engine has its
 * own state store and meters, so the node's state and metrics see none of it; remote ({@code http}) and
 * plug-in agents are never called.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final Set<String> LOCAL_TYPES =
            Set.of("velocity", "geo", "device", "ip-reputation", "model", "echo");
    private static final int CALLERS = 4;
    private static final long STATE_KEYS = 100_000;
    private static final String TENANT = "warmup";

    private Warmup() {}

    /** Runs for about {@code config.server().warmup()}; does nothing when it is zero or no pipeline is local. */
    static void run(AegisConfig config) {
        Duration budget = config.server().warmup();
        if (budget.isZero()) {
            return;
        }
        EngineConfig local = localPipelines(config.engine());
        if (local.pipelines().isEmpty()) {
            return;
        }
        TimeSource time = TimeSource.system();
        RuntimeAgentEnvironment environment = new RuntimeAgentEnvironment(
                new CaffeineAgentStateStore(time, STATE_KEYS), time, config.configDirectory());
        try (AegisEngine engine = AegisEngine.start(local, environment, new SimpleMeterRegistry());
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            long end = time.nanoTime() + budget.toNanos();
            for (int caller = 0; caller < CALLERS; caller++) {
                long seed = caller;
                callers.execute(() -> evaluateUntil(engine, local.pipelines().keySet(), end, seed, time));
            }
        }
        LOG.info("warmed up for {} on pipelines {}", budget, local.pipelines().keySet());
    }

    private static void evaluateUntil(AegisEngine engine, Set<String> pipelines, long end, long seed,
            TimeSource time) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long n = 0; time.nanoTime() < end; n++) {
            for (String pipeline : pipelines) {
                engine.router().evaluate(pipeline, new EvaluationRequest(
                        TENANT, "aegis/warmup", "warmup-" + seed + "-" + n, "subject-" + random.nextInt(10_000), login(random)));
            }
        }
    }

    private static ObjectNode login(SplittableRandom random) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("ip", "203.0.113." + random.nextInt(256));
        event.put("device_id", "device-" + random.nextInt(50));
        event.put("lat", random.nextDouble(-60, 60));
        event.put("lon", random.nextDouble(-180, 180));
        event.put("failed_attempts", random.nextInt(4));
        event.put("account_age_days", random.nextInt(2_000));
        return event;
    }

    /** The pipelines whose every member is a local built-in, with just the agents they use. */
    static EngineConfig localPipelines(EngineConfig engine) {
        Map<String, PipelineConfig> pipelines = engine.pipelines().entrySet().stream()
                .filter(pipeline -> pipeline.getValue().agents().stream()
                        .allMatch(member -> isLocal(engine.agents().get(member.agent()))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> used = pipelines.values().stream()
                .flatMap(pipeline -> pipeline.agents().stream().map(PipelineConfig.Member::agent))
                .collect(Collectors.toSet());
        Map<String, AgentConfig> agents = engine.agents().entrySet().stream()
                .filter(agent -> used.contains(agent.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new EngineConfig(agents, pipelines);
    }

    private static boolean isLocal(AgentConfig agent) {
        return agent != null && LOCAL_TYPES.contains(agent.type());
    }
}
