package dev.aegis.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Redis is and how long a command may take before it counts as a failure.
 *
 * @param uri a {@code redis://host:port[/db]} URI
 * @param timeout how long one command (and a connect) may take; past it the command fails, so an outage costs a
 *     caller at most this
 * @param keyPrefix put before every key Aegis writes, so several deployments can share one Redis
 */
public record RedisSettings(String uri, Duration timeout, String keyPrefix) {

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisURI.create(uri);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Redis timeout must be positive, was " + timeout);
        }
    }

    /**
     * A client that fails commands fast while disconnected (rather than queueing them) and reconnects by itself,
     * so that a Redis outage costs each call at most {@link #timeout} and ends without a restart.
     */
    public RedisClient client() {
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return client;
    }

    /** The URI without a password: for messages. */
    public String location() {
        RedisURI parsed = RedisURI.create(uri);
        return "redis://" + parsed.getHost() + ":" + parsed.getPort() + "/" + parsed.getDatabase();
    }
}
