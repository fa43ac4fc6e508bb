package dev.aegis.core.router;

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
}
