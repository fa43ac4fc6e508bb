package dev.aegis.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request body that must be a JSON object: checks the media type (415), reads the body under the size limit
 * (413: the declared {@code Content-Length} first, then while reading, for chunked bodies), and parses it once into
 * a tree (400 {@code malformed-body}, or 400 on {@code body} when it is empty or not an object).
 */
final class JsonBody {

    private final int maxBodyBytes;

    JsonBody(long maxBodyBytes) {
        this.maxBodyBytes = Math.toIntExact(maxBodyBytes);
    }

    /** The body as an object; {@code shape} shows what to send, for the problem about an empty body. */
    ObjectNode read(ServerRequest request, String shape) {
        requireJson(request);
        return parse(bytes(request), shape);
    }

    /** How a problem names the JSON type of {@code node}: "a string", "an array", ... */
    static String typeOf(JsonNode node) {
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

    private byte[] bytes(ServerRequest request) {
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

    private static ObjectNode parse(byte[] bytes, String shape) {
        try {
            JsonNode body = JsonCodec.readTree(bytes).orElseThrow(() -> ProblemException.invalidField(
                    "body", "the body is empty; send " + shape));
            if (body instanceof ObjectNode object) {
                return object;
            }
            throw ProblemException.invalidField("body", "the body must be a JSON object, was " + typeOf(body));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProblemException(ProblemType.MALFORMED_BODY, "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), Optional.of("body"), List.of());
        }
    }
}
