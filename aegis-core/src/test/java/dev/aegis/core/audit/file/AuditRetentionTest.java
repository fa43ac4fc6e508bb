package dev.aegis.core.audit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.audit.AuditEventFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty days of hourly records from 2026-01-01, then retention on the morning of 2026-02-10: archive after 7 days,
 * delete after 30. Days up to 01-10 go, 01-11 to 02-02 are archived, 02-03 to 02-09 stay hot.
 */
class AuditRetentionTest {

    private static final AuditRetention RETENTION = new AuditRetention(Duration.ofDays(7), Duration.ofDays(30));
    private static final int DAYS = 40;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AuditEventFixtures events = new AuditEventFixtures();
    private FileAuditLog log;

    @BeforeEach
    void writeFortyDays() {
        log = FileAuditLog.open(FileAuditSettings.defaults(root), clock);
        for (int hour = 0; hour < DAYS * 24; hour++) {
            log.append(List.of(events.at(clock.now())));
            clock.advance(Duration.ofHours(1));
        }
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void oldDaysAreArchivedAndTheOldestDeleted() {
        RetentionReport report = log.enforceRetention(RETENTION, clock.now());

        assertThat(report.deleted()).containsExactlyElementsOf(days("2026-01-01", "2026-01-10"));
        assertThat(report.archived()).containsExactlyElementsOf(days("2026-01-11", "2026-02-02"));
        assertThat(root.resolve("archive/local/2026/01/11/00000000000000000241.log.gz")).isRegularFile();
        assertThat(root.resolve("local/2026/01/11")).doesNotExist();
        assertThat(root.resolve("local/2026/02/03/00000000000000000793.log")).isRegularFile();
        assertThat(root.resolve("local/2026/01/10")).doesNotExist();
        assertThat(root.resolve("archive/local/2026/01/10")).doesNotExist();
        assertThat(root.resolve("local/ANCHOR")).content().contains("\"seq\":240,");
    }

    @Test
    void whatRemainsStillVerifiesWithTheRightCounts() {
        log.enforceRetention(RETENTION, clock.now());

        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(30 * 24, Optional.empty()));
        assertThat(log.verify(day("2026-01-20"))).isEqualTo(new AuditVerification(24, Optional.empty()));
        assertThat(log.verify(new AuditRange(Optional.empty(), Optional.of(Instant.parse("2026-01-15T00:00:00Z")))))
                .isEqualTo(new AuditVerification(4 * 24, Optional.empty()));
    }

    @Test
    void aChangedRecordInTheArchiveIsStillFound() throws IOException {
        log.enforceRetention(RETENTION, clock.now());
        Path archived = root.resolve("archive/local/2026/01/20/00000000000000000457.log.gz");
        List<String> lines = gunzip(archived);
        lines.set(5, FileTampering.flipped(lines.get(5)));
        gzip(archived, lines);

        AuditVerification verification = log.verify(AuditRange.all());

        assertThat(verification.firstBad()).hasValueSatisfying(bad -> {
            assertThat(bad.sequence()).isEqualTo(462);
            assertThat(bad.reason()).isEqualTo("hash mismatch");
            assertThat(bad.location()).isEqualTo("archive/local/2026/01/20/00000000000000000457.log.gz:6");
        });
        assertThat(log.verify(day("2026-01-19")).ok()).isTrue();
    }

    @Test
    void theOpenSegmentIsNeverMoved() {
        RetentionReport report = log.enforceRetention(RETENTION, clock.now().plus(Duration.ofDays(60)));

        assertThat(report.deleted()).endsWith(LocalDate.parse("2026-02-08"));
        assertThat(root.resolve("local/2026/02/09/00000000000000000937.log")).isRegularFile();
        log.append(List.of(events.at(clock.now())));
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(25, Optional.empty()));
    }

    @Test
    void aSecondRunFindsNothingToDo() {
        log.enforceRetention(RETENTION, clock.now());

        assertThat(log.enforceRetention(RETENTION, clock.now())).isEqualTo(new RetentionReport(List.of(), List.of()));
    }

    @Test
    void aLogReopenedAfterEveryDayWasDeletedContinuesItsChain() {
        log.close();
        log = FileAuditLog.open(FileAuditSettings.defaults(root), clock);

        RetentionReport report = log.enforceRetention(RETENTION, clock.now().plus(Duration.ofDays(60)));
        log.close();
        log = FileAuditLog.open(FileAuditSettings.defaults(root), clock);

        assertThat(report.deleted()).hasSize(DAYS);
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(0, Optional.empty()));
        assertThat(log.append(List.of(events.at(clock.now()))).getFirst().sequence()).isEqualTo(DAYS * 24 + 1);
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(1, Optional.empty()));
    }

    @Test
    void retentionRefusesToDeleteBeforeItArchives() {
        assertThat(AuditRetention.defaults())
                .isEqualTo(new AuditRetention(Duration.ofDays(30), Duration.ofDays(2555)));
        assertThatThrownBy(() -> new AuditRetention(Duration.ofDays(30), Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deleteAfter");
        assertThatThrownBy(() -> new AuditRetention(Duration.ZERO, Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("archiveAfter");
    }

    private static AuditRange day(String day) {
        Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new AuditRange(Optional.of(start), Optional.of(start.plus(Duration.ofDays(1))));
    }

    private static List<LocalDate> days(String first, String last) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(first); !day.isAfter(LocalDate.parse(last)); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    private static void gzip(Path file, List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
    }
}
