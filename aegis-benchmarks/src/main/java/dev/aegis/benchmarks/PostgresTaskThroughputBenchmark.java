package dev.aegis.benchmarks;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.jdbc.task.JdbcQueueSettings;
import dev.aegis.jdbc.task.JdbcTaskQueue;
import dev.aegis.jdbc.task.JdbcTaskStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
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
 * {@link TaskThroughputBenchmark}'s workload with the tasks in PostgreSQL: the store is {@link JdbcTaskStore} in a
 * database created for the trial (and dropped after it); {@code queue=postgres} queues them in the same database
 * ({@link JdbcTaskQueue}, the queue nodes share), {@code queue=memory} in the JVM, so the pair shows what the
 * shared queue costs. Workers as in the embedded benchmark: a fixed pool of {@code workers}, each taking
 * {@code 1 + prefetch} tasks at a time. An invocation takes seconds, so each iteration is one invocation. The server
 * is {@code -jvmArgsAppend -Daegis.bench.postgres=jdbc:postgresql://host:port/} (default {@value #DEFAULT_SERVER}),
 * user {@code postgres} without a password, which may create databases. Results: docs/benchmarks.md, "Tasks on
 * PostgreSQL".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class PostgresTaskThroughputBenchmark {

    static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    /** Connections of each pool: the store's and the queue's each have one writer thread. */
    private static final int POOL_SIZE = 4;

    @Param({"postgres", "memory"})
    public String queue;

    @Param({"16"})
    public int workers;

    @Param({"0"})
    public int prefetch;

    /**
     * What is done to the trial's database before each iteration, untimed: {@code vacuum} ({@code VACUUM ANALYZE},
     * what autovacuum does on a server with the default settings), {@code analyze} (statistics only) or
     * {@code none} (a server with autovacuum off, as the development box's is).
     */
    @Param({"vacuum"})
    public String maintenance;

    private final String server = System.getProperty("aegis.bench.postgres", DEFAULT_SERVER);
    private String database;
    private TaskWorkload workload;

    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        database = "aegis_bench_" + UUID.randomUUID().toString().replace("-", "");
        execute("postgres", "CREATE DATABASE " + database);
        JdbcSettings settings = new JdbcSettings(server + database, USER, "", POOL_SIZE);
        workload = TaskWorkload.start("postgres", workers, prefetch, new TaskWorkload.Backend() {
            @Override
            public TaskStore store(Path dataDir) {
                return JdbcTaskStore.open(settings);
            }

            @Override
            public TaskQueue queue(TimeSource time) {
                return "postgres".equals(queue)
                        ? JdbcTaskQueue.open(settings, time, JdbcQueueSettings.defaults(TaskWorkload.LOWER_PRIORITY_SHARE))
                        : new InMemoryTaskQueue(time, TaskWorkload.LOWER_PRIORITY_SHARE);
            }
        });
    }

    @Setup(Level.Iteration)
    public void maintain() throws SQLException {
        switch (maintenance) {
            case "vacuum" -> execute(database, "VACUUM ANALYZE tasks, task_states, task_queue");
            case "analyze" -> execute(database, "ANALYZE tasks, task_states, task_queue");
            case "none" -> { }
            default -> throw new IllegalArgumentException("maintenance must be vacuum, analyze or none, was "
                    + maintenance);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TaskWorkload.BATCH)
    public void submitAndComplete() throws InterruptedException, ExecutionException {
        workload.submitAndComplete();
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        try {
            if (workload != null) {
                workload.close();
            }
        } finally {
            execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Runs one statement on a database of the server, outside any transaction. */
    private void execute(String on, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server + on, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
