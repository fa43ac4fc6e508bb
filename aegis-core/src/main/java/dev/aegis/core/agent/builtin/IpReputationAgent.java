package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Looks the event's {@code ip} up in the allow list, then the deny list: allowed scores 0 (allow wins over
 * deny), denied {@code deny_score}, on neither list {@code unknown_score}. Lists are scanned in order, which
 * is fast for the hundreds of blocks such lists hold.
 */
final class IpReputationAgent implements Agent {

    private final String name;
    private final List<IpBlock> deny;
    private final List<IpBlock> allow;
    private final double denyScore;
    private final double unknownScore;

    IpReputationAgent(String name, List<IpBlock> deny, List<IpBlock> allow, double denyScore, double unknownScore) {
        this.name = name;
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.denyScore = denyScore;
        this.unknownScore = unknownScore;
    }

    @Override
    public AgentOutcome evaluate(AgentInput input, AgentContext context) {
        try {
            return judge(EventFields.ip(input.data()));
        } catch (BadInput e) {
            return e.outcome();
        }
    }

    private AgentOutcome judge(InetAddress ip) {
        String address = ip.getHostAddress();
        Optional<IpBlock> allowed = firstContaining(allow, ip);
        if (allowed.isPresent()) {
            return AgentOutcome.success(0, List.of(name + ": " + address + " in allow block " + allowed.get()));
        }
        return firstContaining(deny, ip)
                .map(b -> AgentOutcome.success(denyScore, List.of(name + ": " + address + " in deny block " + b)))
                .orElseGet(() -> AgentOutcome.success(unknownScore, List.of(name + ": " + address + " on no list")));
    }

    private static Optional<IpBlock> firstContaining(List<IpBlock> blocks, InetAddress ip) {
        for (IpBlock block : blocks) {
            if (block.contains(ip)) {
                return Optional.of(block);
            }
        }
        return Optional.empty();
    }
}
