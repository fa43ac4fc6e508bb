package dev.aegis.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * nginx in the foreground as this test's child, on the repository's own configuration ({@code deploy/nginx}:
 * {@code nginx-local.conf} and {@code aegis.conf}) copied under a prefix of its own with the node and listen ports
 * swapped for free ones, so a test never collides with {@code scripts/cluster-local.sh} on 18080-18083.
 */
final class NginxProcess implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"),
            Path.of("/usr/local/sbin/nginx"), Path.of("/usr/local/nginx/sbin/nginx"));
    private static final String LISTEN = "127.0.0.1:18080";
    private static final List<String> NODES = List.of("127.0.0.1:18081", "127.0.0.1:18082", "127.0.0.1:18083");

    private final Process process;
    private final Path prefix;

    private NginxProcess(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** The nginx program: on the PATH, or where Debian and the nginx.org packages put it. */
    static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "nginx"));
        return Stream.concat(onPath, CANDIDATES.stream()).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx under {@code prefix} listening on {@code port} in front of the three nodes on {@code nodePorts};
     * waits until it accepts connections.
     */
    static NginxProcess start(Path prefix, int port, List<Integer> nodePorts) throws IOException {
        if (nodePorts.size() != NODES.size()) {
            throw new IllegalArgumentException("deploy/nginx/aegis.conf has " + NODES.size() + " nodes, not "
                    + nodePorts.size());
        }
        Path conf = writeConfiguration(prefix, port, nodePorts);
        Path nginx = binary().orElseThrow(() -> new IllegalStateException("no nginx binary"));
        ProcessBuilder builder = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-e", "logs/error.log",
                "-c", conf.toString(), "-g", "daemon off;");
        builder.redirectErrorStream(true).redirectOutput(prefix.resolve("logs/nginx.out").toFile());
        NginxProcess started = new NginxProcess(builder.start(), prefix);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !started.process.isAlive() || answers(port));
        } catch (RuntimeException | Error e) {
            started.close();
            throw new IllegalStateException("nginx did not listen on " + port + "; see " + prefix.resolve("logs"), e);
        }
        if (!started.process.isAlive()) {
            throw new IllegalStateException("nginx stopped at start: " + started.errors());
        }
        return started;
    }

    /** What nginx logged at warn and above. */
    String errors() {
        try {
            Path log = prefix.resolve("logs/error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + prefix.resolve("logs/error.log") + ": " + e.getMessage() + ")";
        }
    }

    Path accessLog() {
        return prefix.resolve("logs/access.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path writeConfiguration(Path prefix, int port, List<Integer> nodePorts) throws IOException {
        Path deploy = repositoryRoot().resolve("deploy/nginx");
        Path conf = Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String upstream = replace(Files.readString(deploy.resolve("aegis.conf")), "listen " + LISTEN,
                "listen 127.0.0.1:" + port);
        for (int i = 0; i < NODES.size(); i++) {
            upstream = replace(upstream, "server " + NODES.get(i) + " ", "server 127.0.0.1:" + nodePorts.get(i) + " ");
        }
        Files.writeString(conf.resolve("aegis.conf"), upstream);
        Files.copy(deploy.resolve("nginx-local.conf"), conf.resolve("nginx-local.conf"));
        return conf.resolve("nginx-local.conf");
    }

    /** Replaces {@code from}, which must occur exactly once: a changed deploy file fails here, not later. */
    private static String replace(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("deploy/nginx/aegis.conf no longer has '" + from + "' exactly once");
        }
        return text.replace(from, to);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/nginx/aegis.conf"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/nginx/aegis.conf above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
