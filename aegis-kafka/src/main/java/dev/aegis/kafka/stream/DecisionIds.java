package dev.aegis.kafka.stream;

import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id of a streamed event's decision: a name-based UUID (version 5, RFC 9562) of the tenant, the pipeline and the
 * event id, so that an event evaluated again after a replay gets the id its first evaluation had. The metadata index
 * keeps one summary per evaluation id (per day), and consumers of the decisions topic can drop repeats by it.
 */
final class DecisionIds {

    /** The namespace of stream decision ids: a random UUID, chosen once and never to change. */
    private static final UUID NAMESPACE = UUID.fromString("3d0c8b9e-5a7f-4c1e-9b2d-6f4a1e8c7d25");

    private DecisionIds() {}

    /** The id of the decision on {@code eventId} by {@code pipeline} for {@code tenant}. */
    static String of(String tenant, String pipeline, String eventId) {
        MessageDigest sha1 = sha1();
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
        String name = tenant.length() + ":" + tenant + pipeline.length() + ":" + pipeline + eventId;
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
        long high = (hash.getLong(0) & ~0xF000L) | 0x5000L;
        long low = (hash.getLong(8) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** {@code evaluation} under the id its request's event gives it (the request id is the event id). */
    static Evaluation identified(EvaluationRequest request, Evaluation evaluation) {
        return new Evaluation(of(request.tenant(), evaluation.pipeline(), request.requestId()), evaluation.pipeline(),
                evaluation.subject(), evaluation.decision(), evaluation.score(), evaluation.reasons(),
                evaluation.agents(), evaluation.latencyMs());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
