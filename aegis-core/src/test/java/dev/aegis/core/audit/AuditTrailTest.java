package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.audit.AuditRange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    private final ListAuditLog log = new ListAuditLog();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void everythingHandedOverIsAppendedInOrderByCloseInFewerAppendsThanRecords() {
        log.holding = true;
        AuditTrail trail = AuditTrail.start(log, settings(10_000), meters);
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            trail.record(() -> event("r" + n));
        }
        log.holding = false;
        trail.close();

        assertThat(log.events).hasSize(5_000);
        assertThat(log.events.get(4_999).resource()).isEqualTo("r4999");
        assertThat(log.events).extracting(AuditEvent::resource).startsWith("r0", "r1", "r2");
        assertThat(log.appends.get()).isLessThan(100);
        assertThat(log.closed).isTrue();
        assertThat(meters.get("aegis.group_commit.items").tag("writer", "audit").counter().count()).isEqualTo(5_000);
    }

    @Test
    void aFailingLogIsRetriedAndLosesNothingOnceItRecovers() {
        log.failing.set(true);
        AuditTrail trail = AuditTrail.start(log, settings(100), meters);
        trail.record(() -> event("kept"));
        await().atMost(Duration.ofSeconds(5)).until(() -> log.appends.get() >= 2);
        assertThat(log.events).isEmpty();

        log.failing.set(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> log.events.size() == 1);
        assertThat(log.events.getFirst().resource()).isEqualTo("kept");
        assertThat(meters.get("aegis.group_commit.failures").counter().count()).isGreaterThanOrEqualTo(2);
        trail.close();
    }

    @Test
    void aFullTrailHasNoRoomAndRefusesAfterItsPatience() {
        log.holding = true;
        AuditTrail trail = AuditTrail.start(log,
                new AuditTrail.Settings(2, 1, Duration.ZERO, Duration.ofMillis(20), Duration.ofSeconds(1)), meters);
        trail.record(() -> event("taken by the writer"));
        await().atMost(Duration.ofSeconds(5)).until(() -> trail.hasRoom());
        trail.record(() -> event("queued 1"));
        trail.record(() -> event("queued 2"));

        assertThat(trail.hasRoom()).isFalse();
        assertThatThrownBy(() -> trail.record(() -> event("refused")))
                .isInstanceOf(AuditLogException.class).hasMessageContaining("behind");

        log.holding = false;
        trail.close();
        assertThat(log.events).extracting(AuditEvent::resource)
                .containsExactly("taken by the writer", "queued 1", "queued 2");
    }

    @Test
    void aTrailThatIsOffRecordsNothingAndCannotVerify() {
        AuditTrail trail = AuditTrail.off();
        trail.record(() -> event("nothing"));

        assertThat(trail.enabled()).isFalse();
        assertThat(trail.hasRoom()).isTrue();
        assertThatThrownBy(() -> trail.verify(AuditRange.all())).isInstanceOf(IllegalStateException.class);
        trail.close();
    }

    private static AuditTrail.Settings settings(int capacity) {
        return new AuditTrail.Settings(capacity, 1_000, Duration.ofMillis(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    static AuditEvent event(String resource) {
        return new AuditEvent(Instant.parse("2026-11-23T10:00:00Z"), "acme", "key/0123456789abcdef",
                Optional.of("req-1"), "test", resource, JsonNodeFactory.instance.objectNode());
    }
}
