package dev.aegis.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.Router;
import dev.aegis.core.router.UnknownPipelineException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /v1/pipelines/{name}/evaluate}: checks the media type (415), reads the body under the size limit
 * (413: the declared {@code Content-Length} first, then while reading, for chunked bodies), parses it once into
 * a tree and validates it (400 naming the field), then evaluates.
 */
final class EvaluateEndpoint implements Endpoint {

    static final int MAX_SUBJECT_LENGTH = 256;

    private final Router router;
    private final int maxBodyBytes;

    EvaluateEndpoint(Router router, long maxBodyBytes) {
        this.router = router;
        this.maxBodyBytes = Math.toIntExact(maxBodyBytes);
    }

    @Override
    public Reply serve(ServerRequest request, Caller caller) {
        String pipeline = request.path().pathParameters().get("name");
        requireJson(request);
        JsonNode body = parse(read(request));
        String subject = subject(body);
        JsonNode event = event(body);
        requireOnlyKnownFields(body);
        try {
            Evaluation evaluation = router.evaluate(
                    pipeline, new EvaluationRequest(caller.tenant(), caller.requestId(), subject, event));
            return Reply.json(Status.OK_200, JsonCodec.evaluation(evaluation));
        } catch (UnknownPipelineException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, e.getMessage());
        }
    }

    private static void requireJson(ServerRequest request) {
        Optional<HttpMediaType> type = request.headers().contentType();
        String subtype = type.map(media -> media.mediaType().subtype().toLowerCase(Locale.ROOT)).orElse("");
        boolean json = type.isPresent()
                && type.get().mediaType().type().equalsIgnoreCase("application")
                && (subtype.equals("json") || subtype.endsWith("+json"));
        if (!json) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be sent as application/json, was "
                            + type.map(HttpMediaType::text).orElse("no Content-Type"));
        }
    }

    private byte[] read(ServerRequest request) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            throw tooLarge(declared.getAsLong() + " bytes");
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        boolean known = declared.isPresent() && declared.getAsLong() >= 0;
        int atMost = known ? (int) declared.getAsLong() : maxBodyBytes + 1;
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(atMost);
            if (body.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return body;
        } catch (IOException | UncheckedIOException | RequestException e) {
            throw ProblemException.invalidField("body", "the body could not be read: " + e.getMessage());
        }
    }

    private ProblemException tooLarge(String size) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "the body is " + size + "; the limit is " + maxBodyBytes + " bytes");
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode body = JsonCodec.readTree(bytes).orElseThrow(() -> ProblemException.invalidField(
                    "body", "the body is empty; send {\"subject\": \"...\", \"event\": {...}}"));
            if (!body.isObject()) {
                throw ProblemException.invalidField("body", "the body must be a JSON object, was " + typeOf(body));
            }
            return body;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProblemException(ProblemType.MALFORMED_BODY, "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), Optional.of("body"), List.of());
        }
    }

    private static String subject(JsonNode body) {
        JsonNode subject = body.get("subject");
        if (subject == null || subject.isNull()) {
            throw ProblemException.invalidField("subject", "subject is required: a non-empty string");
        }
        if (!subject.isTextual()) {
            throw ProblemException.invalidField("subject", "subject must be a string, was " + typeOf(subject));
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
            throw ProblemException.invalidField("event", "event must be an object, was " + typeOf(event));
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

    private static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }
}
