package dev.aegis.redis.cache;

import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's ear on the invalidation channel, on a connection of its own: each key heard is evicted from the
 * node's {@link LocalTier}. Lettuce subscribes again by itself after a reconnect; invalidations published while
 * the connection was down are lost, so every subscription after the first clears the whole local tier once the
 * server confirms it, from which point no invalidation is missed again.
 */
final class InvalidationSubscription extends RedisPubSubAdapter<String, String> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwoTierCache.class);

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final String channel;
    private final LocalTier local;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();

    private InvalidationSubscription(StatefulRedisPubSubConnection<String, String> connection, String channel,
            LocalTier local) {
        this.connection = connection;
        this.channel = channel;
        this.local = local;
    }

    /** Subscribes, and answers once the server has confirmed the subscription within the settings' timeout. */
    static InvalidationSubscription open(RedisClient client, RedisSettings settings, LocalTier local) {
        String channel = RedisTier.channel(settings);
        try {
            InvalidationSubscription subscription = new InvalidationSubscription(client.connectPubSub(), channel, local);
            subscription.connection.addListener(subscription);
            subscription.connection.async().subscribe(channel).get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            return subscription;
        } catch (RedisException | ExecutionException | TimeoutException e) {
            throw new CacheUnavailableException("cannot subscribe to " + channel + " at " + settings.location(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("interrupted while subscribing to " + channel, e);
        }
    }

    @Override
    public void message(String from, String key) {
        if (channel.equals(from)) {
            local.evict(key);
        }
    }

    @Override
    public void subscribed(String to, long count) {
        if (channel.equals(to) && subscribedBefore.getAndSet(true)) {
            long cleared = local.clear();
            LOG.info("subscribed to {} again after a reconnect; cleared the in-memory cache ({} entries) since "
                    + "invalidations may have been missed", channel, cleared);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
