package dev.aegis.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real streaming replica of {@link LocalPostgres} for the ITs: a base backup of 127.0.0.1:5432 in
 * {@code /tmp/aegis-it-replica}, served as a hot standby on 127.0.0.1:5433 (system property
 * {@code aegis.it.replicaPort}) by the PostgreSQL binaries of the primary's major version, as the postgres account.
 * {@link #ensureRunning} reuses a replica of this primary that already streams, left running by an earlier class
 * or run, and otherwise makes a new one in a few seconds; the replica is left running for the next. A JVM that
 * uses it holds a file lock until it exits, so that two builds on one machine take turns rather than stop the
 * replica under each other. Making the first replica may add a {@code host replication} trust rule for postgres on
 * 127.0.0.1 to the primary's pg_hba.conf, which the primary's own trust rule for postgres on 127.0.0.1 implies.
 */
public final class LocalReplica {

    public static final int PORT = Integer.getInteger("aegis.it.replicaPort", 5433);
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:" + PORT + "/";

    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);
    private static final Path HOME = Path.of("/tmp/aegis-it-replica");
    private static final Path DATA = HOME.resolve("data");
    private static final Path LOCK = Path.of("/tmp/aegis-it-replica.lock");
    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> STANDBY_MINIMUMS = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    private static FileChannel lock;

    private LocalReplica() {}

    /** The replica's copy of {@code database}. */
    public static String url(String database) {
        return SERVER + database;
    }

    /** Returns once the replica runs and streams from the primary, made anew when none does. */
    public static synchronized void ensureRunning() {
        try {
            holdLock();
            if (isStreaming()) {
                execute("SELECT pg_wal_replay_resume()");
                return;
            }
            create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a replica of " + LocalPostgres.SERVER + " on port " + PORT
                    + ": " + e.getMessage(), e);
        }
    }

    /** Stops the replica (fast shutdown: its sessions are ended). */
    public static synchronized void stop() {
        pgCtl("-m", "fast", "stop");
    }

    /** Starts the stopped replica and returns once it streams again. */
    public static synchronized void start() {
        pgCtl("-l", HOME.resolve("replica.log").toString(), "-o", "-p " + PORT + " -k " + HOME, "start");
        awaitStreaming();
    }

    /** Stops replaying what the primary sends, so that the replica falls behind, until {@link #resumeReplay}. */
    public static void pauseReplay() {
        execute("SELECT pg_wal_replay_pause()");
    }

    public static void resumeReplay() {
        execute("SELECT pg_wal_replay_resume()");
    }

    /** Returns once the replica has replayed all that the primary wrote before this call. */
    public static void awaitCaughtUp() {
        String primary = onPrimary("SELECT pg_current_wal_lsn()");
        awaitTrue("SELECT pg_last_wal_replay_lsn() >= '" + primary + "'::pg_lsn", "replay " + primary);
    }

    private static void holdLock() throws IOException {
        if (lock == null) {
            lock = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock.lock();
        }
    }

    private static boolean isStreaming() {
        try {
            return "t".equals(query("SELECT pg_is_in_recovery() AND EXISTS (SELECT FROM pg_stat_wal_receiver"
                    + " WHERE status = 'streaming') AND (SELECT system_identifier FROM pg_control_system()) = "
                    + systemIdentifier()));
        } catch (SQLException e) {
            return false;
        }
    }

    private static String systemIdentifier() {
        return onPrimary("SELECT system_identifier FROM pg_control_system()");
    }

    private static void create() throws IOException {
        if (Files.exists(DATA.resolve("postmaster.pid"))) {
            stopQuietly();
        }
        PostgresAccount.emptyDirectory(HOME);
        baseBackup();
        PostgresAccount.write(DATA.resolve("postgresql.conf"), configuration());
        PostgresAccount.write(DATA.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        PostgresAccount.write(DATA.resolve("pg_ident.conf"), "");
        start();
        LOG.info("made a streaming replica of {} on port {} in {}", LocalPostgres.SERVER, PORT, DATA);
    }

    private static void baseBackup() throws IOException {
        List<String> command = List.of(bin("pg_basebackup"), "-h", "127.0.0.1", "-p", "5432", "-U",
                LocalPostgres.USER, "-D", DATA.toString(), "-R", "-X", "stream", "-c", "fast");
        try {
            PostgresAccount.run(HOME, command);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("no pg_hba.conf entry for replication")) {
                throw e;
            }
            allowReplication();
            PostgresAccount.run(HOME, command);
        }
    }

    /** Lets postgres on 127.0.0.1 replicate without a password, as it may already log in without one. */
    private static void allowReplication() throws IOException {
        Path hba = Path.of(onPrimary("SHOW hba_file"));
        Files.writeString(hba, "\n# Added by the aegis ITs (LocalReplica): streaming replicas on this machine\n"
                + "host replication " + LocalPostgres.USER + " 127.0.0.1/32 trust\n", StandardOpenOption.APPEND);
        onPrimary("SELECT pg_reload_conf()");
        LOG.warn("added a host replication trust rule for {} on 127.0.0.1 to {}", LocalPostgres.USER, hba);
    }

    /** A hot standby's settings; those a standby needs at least as high as the primary's are copied from it. */
    private static String configuration() {
        List<String> lines = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "hot_standby = on",
                "hot_standby_feedback = on", "shared_buffers = 32MB", "fsync = off"));
        for (String name : STANDBY_MINIMUMS) {
            lines.add(name + " = " + onPrimary("SHOW " + name));
        }
        return String.join("\n", lines) + "\n";
    }

    private static void awaitStreaming() {
        awaitTrue("SELECT pg_is_in_recovery() AND EXISTS (SELECT FROM pg_stat_wal_receiver"
                + " WHERE status = 'streaming')", "stream from the primary");
    }

    private static void awaitTrue(String sql, String what) {
        long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                if ("t".equals(query(sql))) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            pause();
        }
        throw new IllegalStateException("the replica on port " + PORT + " did not " + what + " within "
                + WAIT_TIMEOUT.toSeconds() + " s; see " + HOME.resolve("replica.log"), last);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replica", e);
        }
    }

    /** Stops a replica that runs but does not stream, or leaves a stale pid file. */
    private static void stopQuietly() {
        try {
            pgCtl("-m", "immediate", "stop");
        } catch (IllegalStateException e) {
            LOG.info("no replica to stop in {}: {}", DATA, e.getMessage());
        }
    }

    private static void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", DATA.toString(), "-w", "-t", "60"));
        command.addAll(List.of(arguments));
        PostgresAccount.run(HOME, command);
    }

    /** A program of the primary's major version, as a base backup is served by the same. */
    private static String bin(String program) {
        int version = Integer.parseInt(onPrimary("SHOW server_version_num"));
        Path bin = Path.of("/usr/lib/postgresql", Integer.toString(version / 10_000), "bin");
        if (Files.isDirectory(bin)) {
            return bin.resolve(program).toString();
        }
        return Path.of(PostgresAccount.run(Path.of("/tmp"), List.of("pg_config", "--bindir")).strip())
                .resolve(program).toString();
    }

    private static void execute(String sql) {
        try {
            query(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the replica on port " + PORT + " refused \"" + sql + "\": "
                    + e.getMessage(), e);
        }
    }

    private static String onPrimary(String sql) {
        try (Connection connection = LocalPostgres.connect("postgres")) {
            return firstValue(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(LocalPostgres.SERVER + " refused \"" + sql + "\": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text; connecting gives up after a second. */
    private static String query(String sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.USER);
        properties.setProperty("connectTimeout", "1");
        try (Connection connection = DriverManager.getConnection(url("postgres"), properties)) {
            return firstValue(connection, sql);
        }
    }

    private static String firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
