package dev.aegis.core.router;

import java.util.concurrent.CompletableFuture;

/** Told of every decision the router makes, on the caller's thread, so it must only hand the decision on. */
public interface DecisionListener {

    /** A listener that records nothing. */
    DecisionListener NONE = new DecisionListener() {
        @Override
        public boolean accepting() {
            return true;
        }

        @Override
        public void decided(EvaluationRequest request, Evaluation evaluation) {}
    };

    /**
     * Whether a decision made now can be recorded; when not, the router refuses the request before any agent runs,
     * so that nothing is decided that cannot be proven.
     */
    boolean accepting();

    /**
     * Takes a decision made.
     *
     * @throws DecisionNotRecordedException when it cannot be recorded in time
     */
    void decided(EvaluationRequest request, Evaluation evaluation);

    /**
     * Completes once every decision taken so far is recorded for good (written and synced as the recorder's policy
     * says), and fails when that cannot happen; a caller that must not lose a decision, such as the stream before it
     * commits its offsets, waits for it. A listener that keeps nothing is recorded at once.
     */
    default CompletableFuture<Void> recorded() {
        return CompletableFuture.completedFuture(null);
    }
}
