package dev.aegis.api.index;

import java.time.Instant;
import java.util.List;

/**
 * The metadata index port: decision summaries by (tenant, subject, time), with a secondary access path by
 * (tenant, decision, region, time), kept for a time to live. Adapters partition by day so that expiry drops whole
 * days and costs what expired, never a scan of what stays.
 */
public interface MetadataIndex extends AutoCloseable {

    /**
     * Stores the summaries as one batch; a summary whose evaluation id is already stored is ignored.
     *
     * @throws MetadataIndexException when the batch could not be stored; none of it was
     */
    void record(List<DecisionSummary> decisions);

    /** A subject's decisions, newest first (ties broken by evaluation id, descending). */
    List<DecisionSummary> forSubject(SubjectQuery query);

    /** The decisions of one kind in one region in a time range, newest first. */
    List<DecisionSummary> find(DecisionQuery query);

    /**
     * Drops every day that ended at or before {@code now} minus the time to live.
     *
     * @return how many days were dropped
     */
    int expire(Instant now);

    @Override
    void close();
}
