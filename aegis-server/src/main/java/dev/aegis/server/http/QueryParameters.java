package dev.aegis.server.http;

import io.helidon.common.parameters.Parameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request's query, read against the parameters its route knows: an empty value counts as absent; an unknown,
 * repeated or malformed parameter is a 400 naming it.
 */
final class QueryParameters {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final Parameters query;

    private QueryParameters(Parameters query) {
        this.query = query;
    }

    /** @throws ProblemException when the query has a parameter not in {@code known} */
    static QueryParameters of(Parameters query, List<String> known) {
        for (String name : query.names()) {
            if (!known.contains(name)) {
                throw ProblemException.invalidField(name,
                        "unknown query parameter '" + name + "'; the parameters are " + known);
            }
        }
        return new QueryParameters(query);
    }

    Optional<String> value(String name) {
        List<String> values = query.all(name, List::of);
        if (values.size() > 1) {
            throw ProblemException.invalidField(name,
                    name + " may be given once, was given " + values.size() + " times");
        }
        return values.stream().findFirst().filter(value -> !value.isEmpty());
    }

    String required(String name, String what) {
        return value(name).orElseThrow(() -> ProblemException.invalidField(name, name + " is required: " + what));
    }

    /** {@code limit}: an integer from 1 to {@code max}; {@code otherwise} when absent. */
    int limit(int otherwise, int max) {
        Optional<String> text = value("limit");
        if (text.isEmpty()) {
            return otherwise;
        }
        if (DIGITS.matcher(text.get()).matches()) {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw ProblemException.invalidField("limit",
                "limit must be an integer from 1 to " + max + ", was '" + text.get() + "'");
    }

    /** An instant in ISO-8601 with a zone, e.g. {@code 2026-11-23T10:15:30Z}. */
    Optional<Instant> instant(String name) {
        return value(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(name,
                        name + " must be an ISO-8601 instant such as 2026-11-23T10:15:30Z, was '" + text + "'");
            }
        });
    }
}
