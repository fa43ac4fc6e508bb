package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Counts logins per subject and per IP address in sliding windows. The score is half the worst ratio of
 * count to limit, capped at 1: 0.5 at the limit, 1 at twice the limit. An event without {@code ip} is
 * counted for its subject only.
 */
final class VelocityAgent implements TenantEventAgent {

    private final String name;
    private final AgentStateStore state;
    private final TimeSource time;
    private final Duration window;
    private final String windowText;
    private final int subjectLimit;
    private final int ipLimit;

    VelocityAgent(String name, AgentStateStore state, TimeSource time, Duration window, int subjectLimit,
            int ipLimit) {
        this.name = name;
        this.state = state;
        this.time = time;
        this.window = window;
        this.windowText = DurationText.format(window);
        this.subjectLimit = subjectLimit;
        this.ipLimit = ipLimit;
    }

    @Override
    public AgentOutcome judge(AgentInput input, String tenant) {
        String subject = EventFields.subject(input);
        Optional<InetAddress> ip = EventFields.optionalIp(input.data());
        Instant at = EventFields.timestamp(input.data(), time);
        List<Count> counts = new ArrayList<>(2);
        counts.add(count("for subject", tenant + ":velocity:subject:" + subject, at, subjectLimit));
        ip.map(InetAddress::getHostAddress)
                .ifPresent(a -> counts.add(count("from ip " + a, tenant + ":velocity:ip:" + a, at, ipLimit)));
        counts.sort(Comparator.comparingDouble(Count::ratio).reversed());
        double score = Math.min(1.0, counts.getFirst().ratio() / 2);
        return AgentOutcome.success(score, counts.stream().map(this::reason).toList());
    }

    private Count count(String what, String key, Instant at, int limit) {
        return new Count(what, state.recordInWindow(key, at, window), limit);
    }

    private String reason(Count count) {
        return name + ": " + count.count() + (count.count() == 1 ? " login " : " logins ") + count.what() + " in "
                + windowText + " (limit " + count.limit() + ")";
    }

    private record Count(String what, int count, int limit) {

        double ratio() {
            return (double) count / limit;
        }
    }
}
