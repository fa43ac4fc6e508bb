package dev.aegis.core.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread the agents run on, made here and nowhere else, named and with an uncaught-exception handler:
 * one virtual thread per light call, one bounded platform-thread pool per heavy agent, and one timer thread
 * for time limits and retry back-off.
 */
final class AgentExecutors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentExecutors.class);
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, error) -> LOG.error("uncaught exception on thread {}", thread.getName(), error);
    private static final long HEAVY_KEEP_ALIVE_SECONDS = 30;
    /** One name for every light thread: numbering short-lived virtual threads costs more than it tells. */
    private static final String LIGHT_THREAD_NAME = "aegis-agent";

    private final ExecutorService light;
    private final ScheduledThreadPoolExecutor timer;
    private final List<ExecutorService> heavy = new ArrayList<>();

    AgentExecutors() {
        light = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(LIGHT_THREAD_NAME).uncaughtExceptionHandler(LOG_UNCAUGHT).factory());
        timer = new ScheduledThreadPoolExecutor(1, platformThreads("aegis-agent-timer-"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Light calls: one new virtual thread each. */
    ExecutorService light() {
        return light;
    }

    /** Time limits and retry back-off; its tasks only complete futures or start attempts. */
    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * A heavy agent's own pool of {@code threads} platform threads. Its queue holds as many calls as it has
     * threads: the agent's bulkhead admits no more, so no call waits for a thread another agent holds.
     */
    synchronized ExecutorService heavy(String agent, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, HEAVY_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), platformThreads("aegis-heavy-" + agent + "-"));
        pool.allowCoreThreadTimeOut(true);
        heavy.add(pool);
        return pool;
    }

    private static ThreadFactory platformThreads(String prefix) {
        return Thread.ofPlatform().name(prefix, 0).daemon(true).uncaughtExceptionHandler(LOG_UNCAUGHT).factory();
    }

    /** Stops every executor; calls in flight are interrupted. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        light.shutdownNow();
        heavy.forEach(ExecutorService::shutdownNow);
    }
}
