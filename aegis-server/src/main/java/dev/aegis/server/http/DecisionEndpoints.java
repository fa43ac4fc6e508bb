package dev.aegis.server.http;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.core.router.Decision;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata index over HTTP, scoped to the caller's tenant: {@code GET /v1/subjects/{subject}/decisions} (a
 * subject's decisions, newest first, with {@code limit} and {@code since}) and {@code GET /v1/decisions} (the
 * decisions of one kind in one region in a time range). A 404 when the node keeps no index, a 503 when it is down.
 */
final class DecisionEndpoints {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEndpoints.class);
    private static final List<String> SUBJECT_PARAMETERS = List.of("limit", "since");
    private static final List<String> FIND_PARAMETERS = List.of("decision", "region", "from", "to", "limit");

    private final Optional<MetadataIndex> index;

    DecisionEndpoints(Optional<MetadataIndex> index) {
        this.index = index;
    }

    Reply forSubject(ServerRequest request, Caller caller) {
        String subject = request.path().pathParameters().get("subject");
        if (subject.isBlank() || subject.length() > EvaluateEndpoint.MAX_SUBJECT_LENGTH) {
            throw ProblemException.invalidField("subject", "subject must be 1 to "
                    + EvaluateEndpoint.MAX_SUBJECT_LENGTH + " characters and not blank, was " + subject.length());
        }
        QueryParameters query = QueryParameters.of(request.query(), SUBJECT_PARAMETERS);
        SubjectQuery subjectQuery = new SubjectQuery(caller.tenant(), subject, query.instant("since"),
                query.limit(DEFAULT_LIMIT, MAX_LIMIT));
        List<DecisionSummary> found = guarded(index -> index.forSubject(subjectQuery));
        return Reply.json(Status.OK_200, JsonCodec.decisions(Optional.of(subject), found));
    }

    Reply find(ServerRequest request, Caller caller) {
        QueryParameters query = QueryParameters.of(request.query(), FIND_PARAMETERS);
        String decision = decision(query.required("decision", "one of " + Arrays.toString(Decision.values())));
        String region = query.required("region", "the region the events named");
        Instant from = query.instant("from").orElseThrow(() -> ProblemException.invalidField("from",
                "from is required: an ISO-8601 instant such as 2026-11-23T00:00:00Z"));
        Instant to = query.instant("to").orElseThrow(() -> ProblemException.invalidField("to",
                "to is required: an ISO-8601 instant such as 2026-11-24T00:00:00Z"));
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("to", "to (" + to + ") must be after from (" + from + ")");
        }
        DecisionQuery decisionQuery = new DecisionQuery(caller.tenant(), decision, region, from, to,
                query.limit(DEFAULT_LIMIT, MAX_LIMIT));
        List<DecisionSummary> found = guarded(index -> index.find(decisionQuery));
        return Reply.json(Status.OK_200, JsonCodec.decisions(Optional.empty(), found));
    }

    private static String decision(String text) {
        try {
            return Decision.valueOf(text.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("decision",
                    "decision must be one of " + Arrays.toString(Decision.values()) + ", was '" + text + "'");
        }
    }

    private List<DecisionSummary> guarded(Function<MetadataIndex, List<DecisionSummary>> read) {
        MetadataIndex store = index.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "this node keeps no metadata index (index.store is none)"));
        try {
            return read.apply(store);
        } catch (MetadataIndexException e) {
            LOG.warn("the metadata index failed: {}", e.getMessage());
            throw ProblemException.unavailable("the metadata index is unavailable; retry in 1 s");
        }
    }
}
