package dev.aegis.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of this machine's binaries that a test owns: a fresh cluster in a temporary folder on a free
 * port, which an outage test stops ({@code -m immediate}, as a crash) and starts again without disturbing the shared
 * server. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 */
final class DisposablePostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;

    private DisposablePostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Creates the cluster (trust auth, fsync on) and starts it. */
    static DisposablePostgres create() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("aegis-pg-");
        DisposablePostgres postgres = new DisposablePostgres(binaries(), folder.resolve("data"),
                ServeProcess.freePort());
        postgres.run(List.of("chown", "-R", "postgres", folder.toString()), false);
        postgres.run(List.of(postgres.bin.resolve("initdb").toString(), "-D", postgres.data.toString(), "-A",
                "trust", "-U", "postgres", "--no-sync"), true);
        postgres.start();
        return postgres;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolve("../pg.log")
                .normalize().toString(), "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1", "-w",
                "start"), true);
    }

    /** Stops the server at once, as a crash would: no checkpoint, clients cut off. */
    void crash() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        crash();
        try (Stream<Path> files = Files.walk(data.getParent())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asPostgres && "root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(command);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", line) + " failed: " + output);
        }
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve(
                    "pg_ctl"))).max(Path::compareTo).orElseThrow(() -> new IOException(
                    "no PostgreSQL binaries under /usr/lib/postgresql"));
        }
    }
}
