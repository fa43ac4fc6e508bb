package dev.aegis.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.audit.AuditLog;
import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditRecord;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.audit.AuditVerification.BadRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditLog} adapter must show, the embedded one included. An adapter's test extends
 * this class, says how to open its storage (the same storage on every call, empty before the first) and how to
 * tamper with it while it is closed.
 */
public abstract class AuditLogContract {

    private static final String HEX_64 = "[0-9a-f]{64}";

    private final AuditEventFixtures events = new AuditEventFixtures();
    private AuditLog log;

    /** The log on this test's storage; the suite closes and reopens it. */
    protected abstract AuditLog open();

    /** Changes to this test's storage, made while the log is closed. */
    protected abstract Tampering tampering();

    @BeforeEach
    void openLog() {
        log = open();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void appendedRecordsAreNumberedFromOneAndEachIsChainedToTheOneBefore() {
        List<AuditEvent> batch = events.batch(3);

        List<AuditRecord> records = log.append(batch);

        assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
        assertThat(records).extracting(AuditRecord::event).containsExactlyElementsOf(batch);
        assertThat(records.getFirst().previousHash()).isEqualTo("0".repeat(64));
        assertThat(records).allSatisfy(record -> assertThat(record.hash()).matches(HEX_64));
        assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).previousHash()).isEqualTo(records.get(1).hash());
        assertThat(records).extracting(AuditRecord::hash).doesNotHaveDuplicates();
    }

    @Test
    void anEmptyLogVerifiesWithNoRecords() {
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(0, Optional.empty()));
        assertThat(log.append(List.of())).isEmpty();
        assertThat(log.verify(AuditRange.all()).records()).isZero();
    }

    @Test
    void aLongLogVerifiesWithEveryRecordCounted() {
        for (int i = 0; i < 12; i++) {
            log.append(events.batch(100));
        }

        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(1200, Optional.empty()));
    }

    @Test
    void batchesOfEverySizeContinueOneSequence() {
        List<AuditRecord> records = new ArrayList<>();
        for (int size : new int[] {1, 5, 1, 20, 3}) {
            records.addAll(log.append(events.batch(size)));
        }

        assertThat(records).extracting(AuditRecord::sequence).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 30).boxed().toList());
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
        }
        assertThat(log.verify(AuditRange.all()).records()).isEqualTo(30);
    }

    @Test
    void aReopenedLogContinuesTheSequenceAndTheChain() {
        AuditRecord last = log.append(events.batch(5)).getLast();

        reopen();
        List<AuditRecord> more = log.append(events.batch(2));

        assertThat(more).extracting(AuditRecord::sequence).containsExactly(6L, 7L);
        assertThat(more.getFirst().previousHash()).isEqualTo(last.hash());
        reopen();
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(7, Optional.empty()));
    }

    @Test
    void eventsWithAndWithoutARequestAreKeptAndVerify() {
        List<AuditRecord> records = log.append(List.of(events.next(), events.withoutRequest(), events.next()));

        assertThat(records).extracting(record -> record.event().requestId().isPresent())
                .containsExactly(true, false, true);
        reopen();
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(3, Optional.empty()));
    }

    @Test
    void aRangeCountsOnlyTheRecordsWhoseTimeFallsInIt() {
        Instant start = AuditEventFixtures.START;
        for (int hour = 0; hour < 72; hour++) {
            log.append(List.of(events.at(start.plus(Duration.ofHours(hour)))));
        }
        AuditRange secondDay = new AuditRange(Optional.of(start.plus(Duration.ofHours(24))),
                Optional.of(start.plus(Duration.ofHours(48))));
        AuditRange fromTheMiddle = new AuditRange(Optional.of(start.plus(Duration.ofHours(60))), Optional.empty());
        AuditRange untilTheMiddle = new AuditRange(Optional.empty(), Optional.of(start.plus(Duration.ofHours(10))));

        assertThat(log.verify(secondDay)).isEqualTo(new AuditVerification(24, Optional.empty()));
        assertThat(log.verify(fromTheMiddle)).isEqualTo(new AuditVerification(12, Optional.empty()));
        assertThat(log.verify(untilTheMiddle)).isEqualTo(new AuditVerification(10, Optional.empty()));
    }

    @Test
    void aChangedByteIsFoundAtItsRecord() {
        log.append(events.batch(10));
        log.close();

        tampering().flipByte(6);

        assertThat(reopenAndVerify().sequence()).isEqualTo(6);
    }

    @Test
    void aRemovedRecordIsFoundAsAGap() {
        log.append(events.batch(10));
        log.close();

        tampering().delete(4);

        assertThat(reopenAndVerify().sequence()).isEqualTo(4);
    }

    @Test
    void aRemovedLastRecordIsFound() {
        log.append(events.batch(10));
        log.close();

        tampering().delete(10);

        assertThat(reopenAndVerify().sequence()).isEqualTo(10);
    }

    @Test
    void swappedRecordsAreFoundWhereTheFirstShouldBe() {
        log.append(events.batch(10));
        log.close();

        tampering().swap(3, 7);

        assertThat(reopenAndVerify().sequence()).isEqualTo(3);
    }

    @Test
    void aDuplicatedRecordIsFoundWhereTheNextShouldBe() {
        log.append(events.batch(10));
        log.close();

        tampering().duplicate(5);

        assertThat(reopenAndVerify().sequence()).isEqualTo(6);
    }

    @Test
    void verificationBesideAppendsSeesASoundChain() {
        CompletableFuture<Void> appends = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                log.append(events.batch(20));
            }
        });
        List<AuditVerification> seen = new ArrayList<>();
        while (!appends.isDone()) {
            seen.add(log.verify(AuditRange.all()));
        }
        appends.join();

        assertThat(seen).allSatisfy(verification -> assertThat(verification.ok()).isTrue());
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(1000, Optional.empty()));
    }

    private void reopen() {
        log.close();
        log = open();
    }

    private BadRecord reopenAndVerify() {
        log = open();
        AuditVerification verification = log.verify(AuditRange.all());
        assertThat(verification.ok()).as("verification of a tampered log").isFalse();
        BadRecord bad = verification.firstBad().orElseThrow();
        assertThat(bad.location()).isNotBlank();
        assertThat(bad.reason()).isNotBlank();
        return bad;
    }
}
