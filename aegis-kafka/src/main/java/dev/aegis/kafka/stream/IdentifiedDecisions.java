package dev.aegis.kafka.stream;

import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import java.util.concurrent.CompletableFuture;

/** Hands each decision on under the id its event derives, so that the audit log and the index record that id. */
final class IdentifiedDecisions implements DecisionListener {

    private final DecisionListener decisions;

    IdentifiedDecisions(DecisionListener decisions) {
        this.decisions = decisions;
    }

    @Override
    public boolean accepting() {
        return decisions.accepting();
    }

    @Override
    public void decided(EvaluationRequest request, Evaluation evaluation) {
        decisions.decided(request, DecisionIds.identified(request, evaluation));
    }

    @Override
    public CompletableFuture<Void> recorded() {
        return decisions.recorded();
    }
}
