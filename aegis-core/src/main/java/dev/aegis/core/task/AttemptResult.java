package dev.aegis.core.task;

import com.fasterxml.jackson.databind.JsonNode;

/** How one attempt of a task ended: with a result, or with a failure that may or may not be worth retrying. */
sealed interface AttemptResult {

    record Done(JsonNode result) implements AttemptResult {}

    record Failed(String reason, boolean retryable) implements AttemptResult {}
}
