package dev.aegis.redis.state;

import dev.aegis.api.AegisException;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.state.AgentStateUnavailableException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AgentStateStore} that the nodes of a cluster share, in Redis. Each operation is one Lua script on
 * one key {@code <prefix>state:<key>} (a window's events sit beside it in {@code <prefix>state-events:<key>}), so
 * it is atomic per key across nodes.
 *
 * <p>Time is the injected {@link TimeSource}'s, not Redis's: each key holds the instant it expires by that clock,
 * and a key past it counts as absent. Redis also expires the key a few seconds after its time to live, to free
 * it. A window keeps at most {@value #MAX_EVENTS_PER_WINDOW} events (the oldest go first); using one key for two
 * kinds of state is refused, as the embedded store does.
 *
 * <p>Any Redis failure (refused connection, command timeout) becomes an {@link AgentStateUnavailableException}
 * within the settings' timeout; the client reconnects by itself, so the same store works again once Redis does.
 * Owns its Redis client: {@link #close()} releases it.
 */
public final class RedisAgentStateStore implements AgentStateStore, AutoCloseable {

    /** Events kept per window key. */
    public static final int MAX_EVENTS_PER_WINDOW = 10_000;

    /** How long Redis keeps a key past its time to live: room for clocks that differ between nodes. */
    private static final long EXPIRY_MARGIN_SECONDS = 5;

    private final RedisSettings settings;
    private final TimeSource time;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    private RedisAgentStateStore(RedisSettings settings, TimeSource time, RedisClient client,
            StatefulRedisConnection<String, String> connection) {
        this.settings = settings;
        this.time = time;
        this.client = client;
        this.connection = connection;
        this.redis = connection.sync();
    }

    /**
     * The store in the Redis of {@code settings}, connected now, on the clock of {@code time}.
     *
     * @throws AgentStateUnavailableException if Redis cannot be reached
     */
    public static RedisAgentStateStore open(RedisSettings settings, TimeSource time) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(time, "time");
        RedisClient client = settings.client();
        try {
            return new RedisAgentStateStore(settings, time, client, client.connect(StringCodec.UTF8));
        } catch (RedisException e) {
            client.shutdown();
            throw unavailable(settings, e);
        }
    }

    @Override
    public int recordInWindow(String key, Instant at, Duration window) {
        Objects.requireNonNull(key, "key");
        long windowMicros = positiveMicros(window, "window");
        long atMicros = Micros.sinceEpoch(Objects.requireNonNull(at, "at"));
        Object count = run(StateScripts.WINDOW, key, "window", new String[] {stateKey(key), eventsKey(key)},
                windowMicros, Long.toString(atMicros), Long.toString(Micros.minus(atMicros, windowMicros)),
                Long.toString(-(MAX_EVENTS_PER_WINDOW + 1L)));
        return Math.toIntExact((Long) count);
    }

    @Override
    public Optional<String> swap(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long ttlMicros = positiveMicros(ttl, "ttl");
        Object previous = run(StateScripts.VALUE, key, "value", new String[] {stateKey(key)}, ttlMicros, value);
        return Optional.ofNullable((String) previous);
    }

    @Override
    public boolean addMember(String key, String member, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(member, "member");
        long ttlMicros = positiveMicros(ttl, "ttl");
        Object added = run(StateScripts.MEMBERS, key, "members", new String[] {stateKey(key)}, ttlMicros, member);
        return (Long) added == 1L;
    }

    /** Closes the connection and releases the client's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    /** Runs {@code script} with the common arguments first, and answers its result. */
    private Object run(LuaScript script, String key, String kind, String[] keys, long ttlMicros, String... own) {
        long now = Micros.sinceEpoch(time.now());
        String[] args = new String[4 + own.length];
        args[0] = kind;
        args[1] = Long.toString(now);
        args[2] = Long.toString(Micros.plus(now, ttlMicros));
        args[3] = Long.toString(redisTtlMillis(ttlMicros));
        System.arraycopy(own, 0, args, 4, own.length);
        return result(key, kind, call(script, keys, args));
    }

    private List<Object> call(LuaScript script, String[] keys, String[] args) {
        try {
            return script.run(redis, keys, args);
        } catch (RedisException e) {
            throw unavailable(settings, e);
        }
    }

    private static Object result(String key, String kind, List<Object> reply) {
        if ("conflict".equals(reply.get(0))) {
            throw new AegisException("state key '" + key + "' holds " + reply.get(1) + " state, not " + kind
                    + " state: one key serves one kind of state");
        }
        return reply.get(1);
    }

    private static AgentStateUnavailableException unavailable(RedisSettings settings, RedisException cause) {
        return new AgentStateUnavailableException(
                "agent state in Redis at " + settings.location() + " is unavailable: " + cause.getMessage(), cause);
    }

    private String stateKey(String key) {
        return settings.keyPrefix() + "state:" + key;
    }

    private String eventsKey(String key) {
        return settings.keyPrefix() + "state-events:" + key;
    }

    private static long redisTtlMillis(long ttlMicros) {
        return (ttlMicros + 999) / 1_000 + EXPIRY_MARGIN_SECONDS * 1_000;
    }

    private static long positiveMicros(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return Micros.of(duration);
    }
}
