package dev.aegis.redis.cache;

import dev.aegis.api.cache.CacheUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one WARN when Redis stops answering and one INFO when it answers again, not one line per call. */
final class OutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(TwoTierCache.class);

    private final String location;
    private final AtomicBoolean down = new AtomicBoolean();

    OutageLog(String location) {
        this.location = location;
    }

    void failed(CacheUnavailableException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("the Redis cache at {} does not answer; reads fall back to memory and the system of record "
                    + "until it does: {}", location, e.getMessage());
        }
    }

    void answered() {
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.info("the Redis cache at {} answers again", location);
        }
    }
}
