package dev.aegis.jdbc.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aegis.api.index.DecisionSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How a decision maps onto a row of a day table and back. The reasons are one JSON array of strings, every
 * character beyond ASCII escaped, so that any string (quotes, separators, NUL, an unpaired surrogate) round-trips
 * on both databases.
 */
final class DecisionRows {

    /** Every column of a day table, in the order {@link #bind} binds and {@link #read} reads them. */
    static final String COLUMNS = "evaluation_id, tenant, subject, decided_at, pipeline, decision, score, region, "
            + "reasons";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter REASONS_OUT = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final ObjectReader REASONS_IN = JSON.readerFor(String[].class);

    private DecisionRows() {
    }

    /** The insert of one decision into {@code table}; {@link #bind} binds it. */
    static String insert(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    static void bind(PreparedStatement insert, DecisionSummary decision) throws SQLException {
        insert.setString(1, decision.evaluationId());
        insert.setString(2, decision.tenant());
        insert.setString(3, decision.subject());
        setInstant(insert, 4, decision.time());
        insert.setString(5, decision.pipeline());
        insert.setString(6, decision.decision());
        insert.setDouble(7, decision.score());
        if (decision.region().isPresent()) {
            insert.setString(8, decision.region().get());
        } else {
            insert.setNull(8, Types.VARCHAR);
        }
        insert.setString(9, reasons(decision));
    }

    /** The decision in the current row of a result set that selected {@link #COLUMNS}. */
    static DecisionSummary read(ResultSet row) throws SQLException {
        String evaluationId = row.getString(1);
        return new DecisionSummary(row.getString(2), row.getString(3),
                row.getObject(4, OffsetDateTime.class).toInstant(), evaluationId, row.getString(5),
                row.getString(6), row.getDouble(7), Optional.ofNullable(row.getString(8)),
                reasons(row.getString(9), evaluationId));
    }

    /** Binds an instant in microseconds, finer digits dropped, as the timestamp columns keep it. */
    static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private static String reasons(DecisionSummary decision) throws SQLDataException {
        try {
            return REASONS_OUT.writeValueAsString(decision.reasons());
        } catch (JsonProcessingException e) {
            throw new SQLDataException("the reasons of evaluation " + decision.evaluationId()
                    + " do not write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> reasons(String json, String evaluationId) throws SQLDataException {
        try {
            return List.of(REASONS_IN.<String[]>readValue(json));
        } catch (JsonProcessingException e) {
            throw new SQLDataException("evaluation " + evaluationId + " holds reasons that do not parse: "
                    + e.getOriginalMessage(), e);
        }
    }
}
