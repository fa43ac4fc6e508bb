package dev.aegis.core.policy;

import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code agents} variable: a read-only map view over one evaluation's reports, keyed by agent name, whose
 * values are map views of each report ({@code status}, {@code ok}, {@code score}, {@code reasons}). Views, not
 * copies: building five small maps per request would cost more than the rules that read them.
 */
final class AgentsVariable extends AbstractMap<String, Object> {

    private final Map<String, Integer> positions;
    private final List<AgentReport> reports;

    /** @param positions each member's position in the reports, shared by every evaluation of the pipeline */
    AgentsVariable(Map<String, Integer> positions, List<AgentReport> reports) {
        this.positions = positions;
        this.reports = reports;
    }

    @Override
    public Object get(Object name) {
        Integer position = positions.get(name);
        return position == null ? null : new Fields(reports.get(position));
    }

    @Override
    public boolean containsKey(Object name) {
        return positions.containsKey(name);
    }

    @Override
    public int size() {
        return reports.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        for (AgentReport report : reports) {
            entries.add(new SimpleImmutableEntry<>(report.agent(), new Fields(report)));
        }
        return entries;
    }

    /** One report as CEL sees it; an agent that did not answer OK scores 0.0. */
    private static final class Fields extends AbstractMap<String, Object> {

        private static final List<String> KEYS = List.of("status", "ok", "score", "reasons");

        private final AgentReport report;

        Fields(AgentReport report) {
            this.report = report;
        }

        @Override
        public Object get(Object key) {
            boolean ok = report.status() == AgentStatus.OK;
            return switch (String.valueOf(key)) {
                case "status" -> report.status().name();
                case "ok" -> ok;
                case "score" -> ok ? report.score().orElse(0.0) : 0.0;
                case "reasons" -> report.reasons();
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return KEYS.contains(key);
        }

        @Override
        public int size() {
            return KEYS.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new LinkedHashSet<>();
            for (String key : KEYS) {
                entries.add(new SimpleImmutableEntry<>(key, get(key)));
            }
            return entries;
        }
    }
}
