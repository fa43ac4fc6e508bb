package dev.aegis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.Router;
import dev.aegis.core.router.UnknownPipelineException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.Iterator;

/**
 * {@code POST /v1/pipelines/{name}/evaluate}: reads the body as a {@link JsonBody} (415, 413, 400), validates its
 * fields (400 naming the field), then evaluates.
 */
final class EvaluateEndpoint implements Endpoint {

    static final int MAX_SUBJECT_LENGTH = 256;

    private static final String SHAPE = "{\"subject\": \"...\", \"event\": {...}}";

    private final Router router;
    private final JsonBody json;

    EvaluateEndpoint(Router router, JsonBody json) {
        this.router = router;
        this.json = json;
    }

    @Override
    public Reply serve(ServerRequest request, Caller caller) {
        String pipeline = request.path().pathParameters().get("name");
        JsonNode body = json.read(request, SHAPE);
        String subject = subject(body);
        JsonNode event = event(body);
        requireOnlyKnownFields(body);
        try {
            Evaluation evaluation = router.evaluate(
                    pipeline, new EvaluationRequest(caller.tenant(), caller.origin().actor(), caller.requestId(), subject, event));
            return Reply.json(Status.OK_200, JsonCodec.evaluation(evaluation));
        } catch (UnknownPipelineException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, e.getMessage());
        } catch (DecisionNotRecordedException e) {
            throw ProblemException.unavailable(e.getMessage() + "; nothing was evaluated");
        }
    }

    private static String subject(JsonNode body) {
        JsonNode subject = body.get("subject");
        if (subject == null || subject.isNull()) {
            throw ProblemException.invalidField("subject", "subject is required: a non-empty string");
        }
        if (!subject.isTextual()) {
            throw ProblemException.invalidField("subject", "subject must be a string, was " + JsonBody.typeOf(subject));
        }
        String text = subject.textValue();
        if (text.isBlank() || text.length() > MAX_SUBJECT_LENGTH) {
            throw ProblemException.invalidField("subject",
                    "subject must be 1 to " + MAX_SUBJECT_LENGTH + " characters and not blank, was " + text.length());
        }
        return text;
    }

    private static JsonNode event(JsonNode body) {
        JsonNode event = body.get("event");
        if (event == null || event.isNull()) {
            throw ProblemException.invalidField("event", "event is required: a JSON object");
        }
        if (!event.isObject()) {
            throw ProblemException.invalidField("event", "event must be an object, was " + JsonBody.typeOf(event));
        }
        return event;
    }

    private static void requireOnlyKnownFields(JsonNode body) {
        if (body.size() == 2) {
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("subject") && !name.equals("event")) {
                throw ProblemException.invalidField(
                        name, "unknown field '" + name + "'; the body has subject and event");
            }
        }
    }
}
