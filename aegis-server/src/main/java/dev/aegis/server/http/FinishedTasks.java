package dev.aegis.server.http;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.api.task.Task;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finished tasks as {@code GET /v1/tasks/{id}} answers them, cache-aside. Only tasks that ended (SUCCEEDED, DEAD,
 * CANCELLED) are cached: they never change again, so an entry is never stale, whichever node wrote it and however
 * reads and writes race. A task still moving is read from the store every time.
 */
final class FinishedTasks {

    private final Cache cache;

    FinishedTasks(Cache cache) {
        this.cache = cache;
    }

    /** The cached answer for the tenant's task; empty on a miss. */
    Optional<byte[]> find(String tenant, String id) {
        try {
            return cache.get(key(tenant, id)).map(json -> json.getBytes(StandardCharsets.UTF_8));
        } catch (CacheUnavailableException e) {
            throw ProblemException.unavailable("the task cache is unavailable; retry in 1 s");
        }
    }

    /** The answer for {@code task}, kept when the task has ended. */
    byte[] answer(Task task) {
        byte[] json = JsonCodec.task(task);
        if (task.status().terminal()) {
            try {
                cache.put(key(task.tenant(), task.id()), new String(json, StandardCharsets.UTF_8));
            } catch (CacheUnavailableException e) {
                return json;
            }
        }
        return json;
    }

    private static String key(String tenant, String id) {
        return "task:" + tenant + ":" + id;
    }
}
