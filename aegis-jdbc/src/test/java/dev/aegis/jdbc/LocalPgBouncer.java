package dev.aegis.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A pgbouncer in transaction mode in front of {@link LocalPostgres}, for the ITs: run as the postgres account in
 * the foreground, on a free port of 127.0.0.1, with its ini and log in a directory of its own under /tmp. Every
 * database of the server is reachable through it, user postgres without a password; each database and user share
 * {@value #SERVER_CONNECTIONS} server connections, so that the clients' transactions take turns on them. Needs the
 * {@code pgbouncer} program (Debian: {@code apt-get install pgbouncer}, which CI's script does).
 */
public final class LocalPgBouncer implements AutoCloseable {

    private static final int SERVER_CONNECTIONS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final List<Path> PROGRAMS = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"));

    private final Path home;
    private final int port;
    private final Process process;

    private LocalPgBouncer(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    /** Starts a pgbouncer and returns once it accepts connections. */
    public static LocalPgBouncer start() {
        try {
            Path home = PostgresAccount.emptyDirectory(Path.of("/tmp/aegis-it-pgbouncer-" + UUID.randomUUID()));
            int port = freePort();
            PostgresAccount.write(home.resolve("userlist.txt"), "\"" + LocalPostgres.USER + "\" \"\"\n");
            PostgresAccount.write(home.resolve("pgbouncer.ini"), ini(home, port));
            Process process = PostgresAccount.start(home, List.of(program(), home.resolve("pgbouncer.ini").toString()),
                    ProcessBuilder.Redirect.to(home.resolve("pgbouncer.log").toFile()));
            LocalPgBouncer bouncer = new LocalPgBouncer(home, port, process);
            bouncer.awaitConnections();
            return bouncer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start pgbouncer: " + e.getMessage(), e);
        }
    }

    /** {@code database} through this pgbouncer. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops pgbouncer, which closes its connections to the server, and deletes its directory. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
            PostgresAccount.delete(home);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + home + ": " + e.getMessage(), e);
        }
    }

    private static String ini(Path home, int port) {
        return String.join("\n", "[databases]", "* = host=127.0.0.1 port=5432", "", "[pgbouncer]",
                "listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =", "auth_type = trust",
                "auth_file = " + home.resolve("userlist.txt"), "pool_mode = transaction",
                "default_pool_size = " + SERVER_CONNECTIONS, "max_client_conn = 200", "") + "\n";
    }

    private static String program() {
        return PROGRAMS.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("pgbouncer is not installed (looked for " + PROGRAMS
                        + "): install it, e.g. apt-get install pgbouncer"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitConnections() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.USER);
        properties.setProperty("connectTimeout", "1");
        while (true) {
            try {
                DriverManager.getConnection(url("postgres"), properties).close();
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    String log = Files.readString(home.resolve("pgbouncer.log"));
                    close();
                    throw new IllegalStateException("pgbouncer on port " + port + " did not accept connections: "
                            + e.getMessage() + "; its log: " + log, e);
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pgbouncer", e);
        }
    }
}
