package dev.aegis.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code server}: where to listen, the largest request body, how long a stop waits for requests in flight,
 * where embedded data lives, and how long to warm up before listening (0 turns the warm-up off). Port 0
 * picks a free port.
 */
public record ServerConfig(
        String host, int port, long maxBodyBytes, Duration shutdownGrace, Path dataDir, Duration warmup) {

    /** Bodies are read into memory; this caps the setting itself. */
    public static final long MAX_BODY_LIMIT = 64L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(warmup, "warmup");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException(
                    "max_body_bytes must be between 1 and " + MAX_BODY_LIMIT + ", was " + maxBodyBytes);
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("warmup must be between 0s and 1m, was " + warmup);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown_grace must not be negative, was " + shutdownGrace);
        }
    }
}
