package dev.aegis.jdbc.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.Transition;
import java.sql.SQLDataException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON columns of a task. A history is one compact array of transitions, each
 * {@code [status, epoch microseconds, attempt]} with the detail as a fourth element when there is one, so that a
 * move rewrites one column of one row rather than adding a row elsewhere.
 */
final class TaskJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MICROS_PER_SECOND = 1_000_000;

    private TaskJson() {
    }

    static String write(JsonNode json) {
        return json.toString();
    }

    static JsonNode read(String text, String taskId) throws SQLDataException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLDataException("task " + taskId + " holds JSON that does not parse: " + e.getOriginalMessage(),
                    e);
        }
    }

    static String writeHistory(List<Transition> history) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode(history.size());
        for (Transition transition : history) {
            ArrayNode entry = all.addArray()
                    .add(transition.status().name())
                    .add(micros(transition.at()))
                    .add(transition.attempt());
            transition.detail().ifPresent(entry::add);
        }
        return all.toString();
    }

    static List<Transition> readHistory(String text, String taskId) throws SQLDataException {
        JsonNode all = read(text, taskId);
        List<Transition> history = new ArrayList<>(all.size());
        for (JsonNode entry : all) {
            history.add(new Transition(TaskStatus.valueOf(entry.get(0).asText()), instant(entry.get(1).asLong()),
                    entry.get(2).asInt(), Optional.ofNullable(entry.get(3)).map(JsonNode::asText)));
        }
        return history;
    }

    /** Microseconds since the epoch; finer digits are dropped, as the timestamp columns drop them. */
    static long micros(Instant at) {
        return at.getEpochSecond() * MICROS_PER_SECOND + at.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000);
    }
}
