package dev.aegis.core.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.aegis.api.AegisException;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link AgentStateStore}: one Caffeine cache in the JVM, bounded to {@code maximumKeys} keys,
 * each key expiring on its own time to live as read from the {@link TimeSource}. Every operation is one
 * {@code asMap().compute} call, so it is atomic per key and never blocks other keys.
 *
 * <p>Bounded: a window keeps at most {@value #MAX_EVENTS_PER_WINDOW} events (the oldest go first, so counts
 * saturate there, far above any limit an agent sets), and a set at most {@value #MAX_MEMBERS_PER_SET}
 * members (the oldest go first, and count as new if seen again). A window key lives for its window after its
 * last record; using one key for two kinds of state is a programming error and is refused.
 */
public final class CaffeineAgentStateStore implements AgentStateStore {

    /** Events kept per window key. */
    public static final int MAX_EVENTS_PER_WINDOW = 10_000;

    /** Members kept per set key. */
    public static final int MAX_MEMBERS_PER_SET = 10_000;

    private final Cache<String, StateEntry> cache;
    private final int maxEventsPerWindow;
    private final int maxMembersPerSet;

    public CaffeineAgentStateStore(TimeSource time, long maximumKeys) {
        this(time, maximumKeys, MAX_EVENTS_PER_WINDOW, MAX_MEMBERS_PER_SET);
    }

    CaffeineAgentStateStore(TimeSource time, long maximumKeys, int maxEventsPerWindow, int maxMembersPerSet) {
        Objects.requireNonNull(time, "time");
        if (maximumKeys <= 0) {
            throw new ConfigException("state: maximum_keys must be positive, was " + maximumKeys);
        }
        this.maxEventsPerWindow = maxEventsPerWindow;
        this.maxMembersPerSet = maxMembersPerSet;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfter(new TimeToLive())
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public int recordInWindow(String key, Instant at, Duration window) {
        Objects.requireNonNull(key, "key");
        long windowNanos = positiveNanos(window, "window");
        long atNanos = Nanos.sinceEpoch(at);
        int[] count = new int[1];
        cache.asMap().compute(key, (k, old) -> {
            StateEntry.Window current = existing(k, old, StateEntry.Window.class);
            EventWindow events = current == null ? new EventWindow(maxEventsPerWindow) : current.events();
            count[0] = events.record(atNanos, windowNanos);
            return new StateEntry.Window(events, windowNanos);
        });
        return count[0];
    }

    @Override
    public Optional<String> swap(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long ttlNanos = positiveNanos(ttl, "ttl");
        String[] previous = new String[1];
        cache.asMap().compute(key, (k, old) -> {
            StateEntry.Value current = existing(k, old, StateEntry.Value.class);
            previous[0] = current == null ? null : current.value();
            return new StateEntry.Value(value, ttlNanos);
        });
        return Optional.ofNullable(previous[0]);
    }

    @Override
    public boolean addMember(String key, String member, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(member, "member");
        long ttlNanos = positiveNanos(ttl, "ttl");
        boolean[] added = new boolean[1];
        cache.asMap().compute(key, (k, old) -> {
            StateEntry.Members current = existing(k, old, StateEntry.Members.class);
            StateEntry.Members set = current == null
                    ? StateEntry.Members.empty(maxMembersPerSet, ttlNanos)
                    : current.withTtl(ttlNanos);
            added[0] = set.add(member);
            return set;
        });
        return added[0];
    }

    /** Keys held now, expired ones possibly included until the cache's next maintenance. */
    public long estimatedKeys() {
        return cache.estimatedSize();
    }

    private static <T extends StateEntry> T existing(String key, StateEntry entry, Class<T> kind) {
        if (entry == null || kind.isInstance(entry)) {
            return kind.cast(entry);
        }
        throw new AegisException("state key '" + key + "' holds " + name(entry.getClass()) + " state, not "
                + name(kind) + " state: one key serves one kind of state");
    }

    private static String name(Class<?> kind) {
        return kind.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static long positiveNanos(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return Nanos.of(duration);
    }

    /** Each entry lives for the time to live its last write gave it; reads do not extend it. */
    private static final class TimeToLive implements Expiry<String, StateEntry> {

        @Override
        public long expireAfterCreate(String key, StateEntry entry, long currentTime) {
            return entry.ttlNanos();
        }

        @Override
        public long expireAfterUpdate(String key, StateEntry entry, long currentTime, long currentDuration) {
            return entry.ttlNanos();
        }

        @Override
        public long expireAfterRead(String key, StateEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
