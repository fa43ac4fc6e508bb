package dev.aegis.core.task.store;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TaskStore} in memory: versions, idempotency keys and ordering as a database keeps them, and nothing
 * kept across restarts. Tasks are immutable records, so storing one is storing a copy.
 */
public final class InMemoryTaskStore implements TaskStore {

    private final NavigableMap<String, Task> tasks = new TreeMap<>();
    private final Map<String, String> idsByKey = new HashMap<>();

    @Override
    public synchronized List<Task> create(List<Task> batch) {
        List<Task> stored = new ArrayList<>(batch.size());
        for (Task task : batch) {
            Optional<Task> earlier = task.idempotencyKey().map(key -> idsByKey.get(keyOf(task.tenant(), key)))
                    .map(tasks::get);
            if (earlier.isPresent()) {
                stored.add(earlier.get());
                continue;
            }
            tasks.put(task.id(), task);
            task.idempotencyKey().ifPresent(key -> idsByKey.put(keyOf(task.tenant(), key), task.id()));
            stored.add(task);
        }
        return stored;
    }

    @Override
    public synchronized Set<String> update(List<TaskUpdate> updates) {
        Set<String> stale = new LinkedHashSet<>();
        for (TaskUpdate update : updates) {
            Task current = tasks.get(update.task().id());
            if (current == null || current.version() != update.expectedVersion()) {
                stale.add(update.task().id());
            } else {
                tasks.put(current.id(), update.task());
            }
        }
        return stale;
    }

    @Override
    public synchronized Optional<Task> find(String tenant, String id) {
        return Optional.ofNullable(tasks.get(id)).filter(task -> task.tenant().equals(tenant));
    }

    @Override
    public synchronized TaskPage list(String tenant, TaskQuery query) {
        NavigableMap<String, Task> newestFirst = query.cursor().map(cursor -> tasks.headMap(cursor, false))
                .orElse(tasks).descendingMap();
        List<Task> page = newestFirst.values().stream().filter(task -> matches(task, tenant, query))
                .limit(query.limit() + 1L).toList();
        if (page.size() <= query.limit()) {
            return new TaskPage(page, Optional.empty());
        }
        List<Task> shown = page.subList(0, query.limit());
        return new TaskPage(shown, Optional.of(shown.getLast().id()));
    }

    private static boolean matches(Task task, String tenant, TaskQuery query) {
        return task.tenant().equals(tenant) && query.status().map(status -> status == task.status()).orElse(true)
                && query.priority().map(priority -> priority == task.priority()).orElse(true);
    }

    @Override
    public synchronized List<Task> unfinished(Optional<String> after, int limit) {
        NavigableMap<String, Task> from = after.map(id -> tasks.tailMap(id, false)).orElse(tasks);
        return from.values().stream().filter(task -> !task.status().terminal()).limit(limit).toList();
    }

    @Override
    public void close() {
        // nothing to release: the tasks go with the object
    }

    private static String keyOf(String tenant, String key) {
        return tenant + '\u0000' + key;
    }
}
