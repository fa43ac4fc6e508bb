package dev.aegis.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Redis for the ITs: the machine's server (127.0.0.1:6379, as on CI), and disposable servers of the same binary
 * on a free port that an outage test may stop and start again without disturbing the shared one.
 */
public final class LocalRedis implements AutoCloseable {

    public static final String SHARED = "redis://127.0.0.1:6379";
    private static final Duration START = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private Process process;

    private LocalRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Settings on the shared server with a key prefix of its own, so that tests do not see each other's keys. */
    public static RedisSettings sharedSettings() {
        return new RedisSettings(SHARED, Duration.ofSeconds(2), "aegis-test-" + UUID.randomUUID() + ":");
    }

    /** Starts a disposable {@code redis-server} on a free port; {@link #close()} stops it for good. */
    public static LocalRedis startDisposable() throws IOException {
        LocalRedis redis = new LocalRedis(freePort(), Files.createTempDirectory("aegis-redis-"));
        redis.start();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Settings on this server that fail a command after {@code timeout}. */
    public RedisSettings settings(Duration timeout) {
        return new RedisSettings(uri(), timeout, "aegis-test:");
    }

    /** Starts the server (again) on the same port, empty, and waits until it accepts connections. */
    public void start() throws IOException {
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!accepts()) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new IOException("redis-server on port " + port + " did not start; see " + dir.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    /**
     * Sets the server running an endless script, so that it stops answering (every command times out) until it is
     * killed; answers the client that sent it, for the caller to shut down.
     */
    public RedisClient freeze() {
        RedisClient client = RedisClient.create(uri());
        client.connect().async().eval("while true do end", ScriptOutputType.STATUS);
        return client;
    }

    /** Kills the server, as an outage would; {@link #start()} brings it back on the same port. */
    public void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(START.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
