package dev.aegis.api.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing, and the cursor of the next page when there may be one. */
public record TaskPage(List<Task> tasks, Optional<String> nextCursor) {

    public TaskPage {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
