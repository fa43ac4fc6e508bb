package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.AegisException;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

    private static final String SCRAPE = """
            # HELP aegis_tasks_transitions_total Task moves stored, by the status entered
            # TYPE aegis_tasks_transitions_total counter
            aegis_tasks_transitions_total{status="queued"} 1250.0
            aegis_tasks_transitions_total{status="running"} 1210.0
            aegis_tasks_transitions_total{status="succeeded"} 1200.0
            aegis_tasks_transitions_total{status="dead"} 2.0
            aegis_tasks_transitions_created{status="succeeded"} 1.767225600E9
            aegis_tasks_queue_depth{priority="high"} 3.0
            """;

    @Test
    void readsTheSampleWithTheLabelValue() {
        assertThat(MetricsText.sum(SCRAPE, "aegis_tasks_transitions_total", "status", "succeeded")).hasValue(1200);
        assertThat(MetricsText.sum(SCRAPE, "aegis_tasks_transitions_total", "status", "dead")).hasValue(2);
    }

    @Test
    void sumsTheSamplesThatDifferInOtherLabels() {
        String scrape = """
                aegis_tasks_transitions_total{node="a",status="succeeded",} 10.0
                aegis_tasks_transitions_total{status="succeeded", node="b"} 1.5E3 1767225600000
                aegis_tasks_transitions_total{status="failed",node="a"} 7.0
                """;

        assertThat(MetricsText.sum(scrape, "aegis_tasks_transitions_total", "status", "succeeded")).hasValue(1510);
    }

    @Test
    void labelValuesAreReadWithTheirEscapesSoAQuotedLookAlikeDoesNotCount() {
        String scrape = """
                aegis_tasks_transitions_total{note="status=\\"succeeded\\", ok}",status="queued"} 5.0
                aegis_tasks_transitions_total{note="a \\\\ b\\n",status="succeeded"} 3.0
                """;

        assertThat(MetricsText.sum(scrape, "aegis_tasks_transitions_total", "status", "succeeded")).hasValue(3);
    }

    @Test
    void aMissingMetricOrLabelValueIsEmptyNotZero() {
        assertThat(MetricsText.sum(SCRAPE, "aegis_tasks_transitions", "status", "succeeded")).isEmpty();
        assertThat(MetricsText.sum(SCRAPE, "aegis_tasks_transitions_total", "status", "cancelled")).isEmpty();
        assertThat(MetricsText.sum("", "aegis_tasks_transitions_total", "status", "succeeded")).isEmpty();
    }

    @Test
    void aSampleWithoutLabelsHasNoLabelValue() {
        assertThat(MetricsText.sum("aegis_tasks_transitions_total 4.0\n", "aegis_tasks_transitions_total",
                "status", "succeeded")).isEmpty();
    }

    @Test
    void aMalformedSampleOfTheMetricFailsQuotingTheLine() {
        assertThatThrownBy(() -> MetricsText.sum("aegis_tasks_transitions_total{status=\"succeeded\"} many\n",
                "aegis_tasks_transitions_total", "status", "succeeded"))
                .isInstanceOf(AegisException.class)
                .hasMessage("malformed Prometheus sample: 'aegis_tasks_transitions_total{status=\"succeeded\"} many'");
        assertThatThrownBy(() -> MetricsText.sum("aegis_tasks_transitions_total{status=\"succ\n",
                "aegis_tasks_transitions_total", "status", "succeeded"))
                .isInstanceOf(AegisException.class);
    }
}
