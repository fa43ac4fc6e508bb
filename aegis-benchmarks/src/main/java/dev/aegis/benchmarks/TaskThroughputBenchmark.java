package dev.aegis.benchmarks;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.core.task.store.InMemoryTaskStore;
import dev.aegis.jdbc.task.JdbcTaskStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end task throughput in one JVM: each invocation submits {@value TaskWorkload#BATCH} no-op ({@code echo})
 * tasks at mixed priorities from {@value TaskWorkload#SUBMITTERS} concurrent callers (each submit returns once its
 * task is stored) and waits until all of them are SUCCEEDED in the store. The score is tasks per second, submit
 * through completion. {@code store=embedded} is the default H2 file store; {@code memory} shows the cost of
 * everything but the disk. Both use the in-JVM queue; {@link PostgresTaskThroughputBenchmark} runs the same
 * workload on PostgreSQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskThroughputBenchmark {

    @Param({"embedded", "memory"})
    public String store;

    @Param({"16"})
    public int workers;

    private TaskWorkload workload;

    @Setup(Level.Trial)
    public void start() throws IOException {
        workload = TaskWorkload.start(store, workers, 0, new TaskWorkload.Backend() {
            @Override
            public TaskStore store(Path dataDir) {
                return "embedded".equals(store) ? JdbcTaskStore.h2(dataDir) : new InMemoryTaskStore();
            }

            @Override
            public TaskQueue queue(TimeSource time) {
                return new InMemoryTaskQueue(time, TaskWorkload.LOWER_PRIORITY_SHARE);
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(TaskWorkload.BATCH)
    public void submitAndComplete() throws InterruptedException, ExecutionException {
        workload.submitAndComplete();
    }

    @TearDown(Level.Trial)
    public void stop() {
        workload.close();
    }
}
