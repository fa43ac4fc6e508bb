package dev.aegis.redis.cache;

import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The shared tier: entries under {@code <prefix>cache:<key>} with a time to live, and invalidations published on
 * {@code <prefix>cache-invalidations}. Commands go out without waiting for each other (pipelined) and a batch is
 * awaited against one deadline, the settings' timeout from its start; any failure, that timeout included, is a
 * {@link CacheUnavailableException}.
 */
final class RedisTier implements AutoCloseable {

    private static final int BATCH = 500;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final String keyPrefix;
    private final String channel;
    private final SetArgs expiry;
    private final Duration timeout;
    private final String location;

    private RedisTier(StatefulRedisConnection<String, String> connection, RedisSettings settings, Duration ttl) {
        this.connection = connection;
        this.commands = connection.async();
        this.keyPrefix = settings.keyPrefix() + "cache:";
        this.channel = channel(settings);
        this.expiry = SetArgs.Builder.px(ttl.toMillis());
        this.timeout = settings.timeout();
        this.location = settings.location();
    }

    static RedisTier connect(RedisClient client, RedisSettings settings, Duration ttl) {
        try {
            return new RedisTier(client.connect(), settings, ttl);
        } catch (RedisException e) {
            throw new CacheUnavailableException("cannot connect to the Redis cache at " + settings.location(), e);
        }
    }

    /** The channel every node of one key prefix hears invalidations on. */
    static String channel(RedisSettings settings) {
        return settings.keyPrefix() + "cache-invalidations";
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(run("GET", () -> List.of(commands.get(keyPrefix + key))).getFirst());
    }

    void set(Map<String, String> entries) {
        List<Map.Entry<String, String>> all = List.copyOf(entries.entrySet());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<String, String>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            run("SET", () -> batch.stream()
                    .map(entry -> commands.set(keyPrefix + entry.getKey(), entry.getValue(), expiry))
                    .toList());
        }
    }

    /** Deletes the keys, then tells every node to forget them; the server runs both in that order. */
    void delete(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            run("DEL and PUBLISH", () -> {
                List<Future<Long>> sent = new ArrayList<>(batch.size() + 1);
                sent.add(commands.del(batch.stream().map(key -> keyPrefix + key).toArray(String[]::new)));
                batch.forEach(key -> sent.add(commands.publish(channel, key)));
                return sent;
            });
        }
    }

    String location() {
        return location;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Sends commands and awaits every reply against one deadline, the timeout from now. */
    private <T> List<T> run(String what, Supplier<List<? extends Future<T>>> send) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<? extends Future<T>> sent = send.get();
            List<T> results = new ArrayList<>(sent.size());
            for (Future<T> result : sent) {
                results.add(result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (RedisException e) {
            throw unavailable(what + " failed", e);
        } catch (ExecutionException e) {
            throw unavailable(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(what + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what + " was interrupted", e);
        }
    }

    private CacheUnavailableException unavailable(String what, Throwable cause) {
        return new CacheUnavailableException("the Redis cache at " + location + ": " + what + ": " + cause, cause);
    }
}
