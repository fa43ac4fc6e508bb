package dev.aegis.core.audit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditRecord;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.audit.AuditVerification.BadRecord;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.audit.AuditEventFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileAuditLogTest {

    private static final Instant DAY_ONE = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock();
    private final AuditEventFixtures events = new AuditEventFixtures();
    private FileAuditLog log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void aRecordIsOneJsonLineWithItsMembersInOrderAndItsHashOverTheRest() throws Exception {
        log = open(FileAuditSettings.defaults(root));
        List<AuditRecord> records = log.append(List.of(events.next(), events.withoutRequest()));

        List<String> lines = SegmentLines.read(root.resolve("local/2026/03/01/00000000000000000001.log"));

        assertThat(lines.get(0)).matches("\\{\"seq\":1,\"time\":\"2026-03-01T12:00:00Z\",\"tenant\":\"t1\","
                + "\"actor\":\"key/fixture\",\"request\":\"req-1\",\"action\":\"decision\","
                + "\"resource\":\"evaluation/e-1\",\"details\":\\{\"n\":1,\"verdict\":\"deny\"},"
                + "\"prev\":\"0{64}\",\"hash\":\"[0-9a-f]{64}\"}");
        assertThat(lines.get(1)).contains("\"request\":null,");
        for (int i = 0; i < 2; i++) {
            assertThat(lines.get(i)).endsWith(",\"hash\":\"" + records.get(i).hash() + "\"}");
            assertThat(sha256(lines.get(i).substring(0, lines.get(i).indexOf(",\"hash\":")) + "}"))
                    .isEqualTo(records.get(i).hash());
        }
    }

    @Test
    void recordsGoToTheFolderOfTheirUtcDayAndEachDayIsSealed() {
        log = open(FileAuditSettings.defaults(root));

        log.append(List.of(events.at(Instant.parse("2026-03-01T23:59:59Z")),
                events.at(Instant.parse("2026-03-02T00:00:00Z")), events.at(Instant.parse("2026-03-04T10:00:00Z"))));

        assertThat(SegmentLines.files(root.resolve("local"), ".log")).containsExactly(
                root.resolve("local/2026/03/01/00000000000000000001.log"),
                root.resolve("local/2026/03/02/00000000000000000002.log"),
                root.resolve("local/2026/03/04/00000000000000000003.log"));
        assertThat(SegmentLines.read(root.resolve("local/2026/03/02/00000000000000000002.log")).getLast())
                .startsWith("{\"seal\":true,\"seq\":2,\"records\":1,");
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(3, Optional.empty()));
    }

    @Test
    void aRecordStampedBeforeTheOpenSegmentsDayStaysInThatSegment() {
        log = open(FileAuditSettings.defaults(root));

        log.append(List.of(events.at(DAY_ONE.plus(Duration.ofDays(1))), events.at(DAY_ONE)));

        assertThat(SegmentLines.files(root.resolve("local"), ".log"))
                .containsExactly(root.resolve("local/2026/03/02/00000000000000000001.log"));
        assertThat(log.verify(AuditRange.all()).ok()).isTrue();
    }

    @Test
    void aFullSegmentIsSealedAndTheNextStartsAfterIt() {
        log = open(smallSegments());
        for (int i = 0; i < 5; i++) {
            log.append(events.batch(10));
        }

        List<Path> segments = SegmentLines.files(root.resolve("local"), ".log");

        assertThat(segments).hasSizeGreaterThan(5);
        for (int i = 0; i < segments.size() - 1; i++) {
            long next = firstSequenceOf(segments.get(i + 1));
            long records = next - firstSequenceOf(segments.get(i));
            assertThat(SegmentLines.read(segments.get(i)).getLast())
                    .startsWith("{\"seal\":true,\"seq\":" + (next - 1) + ",\"records\":" + records + ",");
        }
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(50, Optional.empty()));
    }

    @Test
    void aTornLastLineIsCutOffOnReopenAndTheChainGoesOn() throws IOException {
        log = open(FileAuditSettings.defaults(root));
        AuditRecord tenth = log.append(events.batch(10)).getLast();
        log.close();
        Path segment = root.resolve("local/2026/03/01/00000000000000000001.log");
        Files.writeString(segment, "{\"seq\":11,\"time\":\"2026", StandardOpenOption.APPEND);

        log = open(FileAuditSettings.defaults(root));
        List<AuditRecord> more = log.append(events.batch(2));

        assertThat(more.getFirst().sequence()).isEqualTo(11);
        assertThat(more.getFirst().previousHash()).isEqualTo(tenth.hash());
        assertThat(SegmentLines.read(segment)).hasSize(11).last().asString()
                .startsWith("{\"seal\":true,\"seq\":10,\"records\":10,\"last\":\"" + tenth.hash() + "\"");
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(12, Optional.empty()));
    }

    @Test
    void aSegmentHoldingOnlyATornLineIsRemovedOnReopen() throws IOException {
        log = open(FileAuditSettings.defaults(root));
        log.append(events.batch(3));
        log.close();
        Path torn = root.resolve("local/2026/03/01/00000000000000000004.log");
        Files.writeString(torn, "{\"seq\":4,\"ti");

        log = open(FileAuditSettings.defaults(root));

        assertThat(torn).doesNotExist();
        assertThat(log.append(events.batch(1)).getFirst().sequence()).isEqualTo(4);
        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(4, Optional.empty()));
    }

    @Test
    void anUnreadableLastLineStaysForVerificationAndAppendsContinueAfterHead() {
        log = open(FileAuditSettings.defaults(root));
        log.append(events.batch(5));
        log.close();
        Path segment = root.resolve("local/2026/03/01/00000000000000000001.log");
        List<String> lines = SegmentLines.read(segment);
        lines.set(4, "garbage");
        SegmentLines.write(segment, lines);

        log = open(FileAuditSettings.defaults(root));

        assertThat(log.append(events.batch(1)).getFirst().sequence()).isEqualTo(6);
        assertThat(log.verify(AuditRange.all()).firstBad()).contains(new BadRecord(
                "local/2026/03/01/00000000000000000001.log:5", 5, "unreadable record"));
    }

    @Test
    void aRemovedSegmentFileIsFoundAsAGap() throws IOException {
        log = open(smallSegments());
        log.append(events.batch(50));
        log.close();
        List<Path> segments = SegmentLines.files(root.resolve("local"), ".log");
        long removed = firstSequenceOf(segments.get(1));
        Files.delete(segments.get(1));

        BadRecord bad = reopenAndVerify(smallSegments());

        assertThat(bad.sequence()).isEqualTo(removed);
        assertThat(bad.reason()).isEqualTo("sequence gap: expected %d, found %d", removed,
                firstSequenceOf(segments.get(2)));
        assertThat(bad.location()).isEqualTo("local/2026/03/01/" + segments.get(2).getFileName() + ":1");
    }

    @Test
    void aCutOffTailIsFoundThroughHead() {
        log = open(FileAuditSettings.defaults(root));
        for (int i = 0; i < 10; i++) {
            log.append(events.batch(100));
        }
        log.close();
        Path segment = root.resolve("local/2026/03/01/00000000000000000001.log");
        SegmentLines.write(segment, SegmentLines.read(segment).subList(0, 990));

        BadRecord bad = reopenAndVerify(FileAuditSettings.defaults(root));

        assertThat(bad.sequence()).isEqualTo(991);
        assertThat(bad.reason()).isEqualTo("records missing after 990 (HEAD says 1000)");
    }

    @Test
    void eachKindOfTamperingIsNamedInWords() throws IOException {
        assertThat(tamperedReason(tampering -> tampering.flipByte(4))).isEqualTo("hash mismatch");
        assertThat(tamperedReason(tampering -> tampering.delete(4))).isEqualTo("sequence gap: expected 4, found 5");
        assertThat(tamperedReason(tampering -> tampering.duplicate(4)))
                .isEqualTo("sequence out of order: expected 5, found 4");
    }

    @Test
    void aRecordRehashedAfterAnEditBreaksTheLinkOfTheNext() throws Exception {
        log = open(FileAuditSettings.defaults(root));
        log.append(events.batch(10));
        log.close();
        SegmentLines.Place fifth = SegmentLines.find(root.resolve("local"), 5);
        String edited = FileTampering.flipped(fifth.line());
        String body = edited.substring(0, edited.indexOf(",\"hash\":"));
        fifth.replace(body + ",\"hash\":\"" + sha256(body + "}") + "\"}");

        BadRecord bad = reopenAndVerify(FileAuditSettings.defaults(root));

        assertThat(bad).isEqualTo(new BadRecord("local/2026/03/01/00000000000000000001.log:6", 6,
                "broken link: prev does not match the hash of record 5"));
    }

    @Test
    void aChangedSealIsFoundByARangeThatStartsAfterIt() {
        log = open(FileAuditSettings.defaults(root));
        log.append(List.of(events.at(DAY_ONE), events.at(DAY_ONE.plus(Duration.ofDays(1)))));
        log.close();
        Path firstDay = root.resolve("local/2026/03/01/00000000000000000001.log");
        List<String> lines = SegmentLines.read(firstDay);
        lines.set(1, lines.get(1).replace("\"records\":1", "\"records\":2"));
        SegmentLines.write(firstDay, lines);

        log = open(FileAuditSettings.defaults(root));
        AuditVerification secondDay = log.verify(new AuditRange(Optional.of(DAY_ONE.plus(Duration.ofDays(1))),
                Optional.empty()));

        assertThat(secondDay.firstBad()).contains(new BadRecord("local/2026/03/01/00000000000000000001.log:2", 2,
                "seal does not match"));
    }

    @Test
    void aChangedHeadIsFound() throws IOException {
        log = open(FileAuditSettings.defaults(root));
        log.append(events.batch(3));
        log.close();
        Path head = root.resolve("local/HEAD");
        Files.writeString(head, Files.readString(head).replaceAll("\"hash\":\"[0-9a-f]", "\"hash\":\"x"));

        assertThat(reopenAndVerify(FileAuditSettings.defaults(root)))
                .isEqualTo(new BadRecord("local/HEAD", 3, "HEAD does not match record 3"));
    }

    @Test
    void aChangedArchiveIsFound() throws IOException {
        log = open(FileAuditSettings.defaults(root));
        log.append(List.of(events.at(DAY_ONE), events.at(DAY_ONE), events.at(DAY_ONE.plus(Duration.ofDays(10)))));
        RetentionReport report = log.enforceRetention(new AuditRetention(Duration.ofDays(1), Duration.ofDays(30)),
                DAY_ONE.plus(Duration.ofDays(10)));
        assertThat(report.archived()).containsExactly(LocalDate.of(2026, 3, 1));
        Path archived = root.resolve("archive/local/2026/03/01/00000000000000000001.log.gz");
        byte[] gzip = Files.readAllBytes(archived);
        gzip[gzip.length / 2] ^= 0x10;
        Files.write(archived, gzip);

        AuditVerification verification = log.verify(AuditRange.all());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBad().orElseThrow().location()).startsWith("archive/local/2026/03/01/");
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void everySyncPolicyLeavesAChainThatVerifies(SyncPolicy sync) {
        FileAuditSettings settings = new FileAuditSettings(root, "local", sync, Duration.ofMillis(10), 4096);
        log = open(settings);
        for (int i = 0; i < 20; i++) {
            log.append(events.batch(7));
            clock.advance(Duration.ofMillis(3));
        }
        log.close();

        log = open(settings);

        assertThat(log.verify(AuditRange.all())).isEqualTo(new AuditVerification(140, Optional.empty()));
    }

    @Test
    void eachEnvironmentKeepsItsOwnChain() {
        log = open(FileAuditSettings.defaults(root));
        log.append(events.batch(3));

        try (FileAuditLog other = open(new FileAuditSettings(root, "prod-eu", SyncPolicy.BATCH,
                Duration.ofSeconds(1), FileAuditSettings.DEFAULT_SEGMENT_BYTES))) {
            assertThat(other.append(events.batch(1)).getFirst().sequence()).isEqualTo(1);
            assertThat(other.verify(AuditRange.all()).records()).isEqualTo(1);
        }
        assertThat(log.verify(AuditRange.all()).records()).isEqualTo(3);
    }

    @Test
    void closingTwiceIsHarmlessAndALogClosedRefusesAppends() {
        log = open(FileAuditSettings.defaults(root));
        log.close();
        log.close();

        assertThatThrownBy(() -> log.append(events.batch(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void syncPolicyIsReadInAnyCase() {
        assertThat(SyncPolicy.parse("batch")).isEqualTo(SyncPolicy.BATCH);
        assertThat(SyncPolicy.parse(" Interval ")).isEqualTo(SyncPolicy.INTERVAL);
        assertThat(SyncPolicy.parse("NONE")).isEqualTo(SyncPolicy.NONE);
        assertThatThrownBy(() -> SyncPolicy.parse("sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sometimes'").hasMessageContaining("batch, interval, none");
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        FileAuditSettings defaults = FileAuditSettings.defaults(root);
        assertThat(defaults).isEqualTo(new FileAuditSettings(root, "local", SyncPolicy.BATCH, Duration.ofSeconds(1),
                64L * 1024 * 1024));
        for (String environment : List.of("", "Local", "a b", "archive", "-x", "x".repeat(33))) {
            assertThatThrownBy(() -> new FileAuditSettings(root, environment, SyncPolicy.BATCH, Duration.ofSeconds(1),
                    1024)).as(environment).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new FileAuditSettings(root, "local", SyncPolicy.INTERVAL, Duration.ZERO, 1024))
                .hasMessageContaining("sync interval");
        assertThatThrownBy(() -> new FileAuditSettings(root, "local", SyncPolicy.BATCH, Duration.ofSeconds(1), 0))
                .hasMessageContaining("segment size");
    }

    @Test
    void theFilesAloneVerifyBesideAnOpenWriterWithoutTouchingThem() throws IOException {
        FileAuditSettings settings = FileAuditSettings.defaults(root);
        log = open(settings);
        log.append(events.batch(50));
        Path segment = root.resolve("local/2026/03/01/00000000000000000001.log");
        Files.writeString(segment, "{\"seq\":51,\"time\":", StandardOpenOption.APPEND);
        long size = Files.size(segment);

        AuditVerification verification = FileAuditLog.verifyFiles(settings, AuditRange.all());

        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(50);
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void theFilesAloneNameAChangedRecordOfAClosedLog() {
        FileAuditSettings settings = FileAuditSettings.defaults(root);
        try (FileAuditLog closed = open(settings)) {
            closed.append(events.batch(30));
        }
        new FileTampering(root.resolve("local")).flipByte(17);

        AuditVerification verification = FileAuditLog.verifyFiles(settings, AuditRange.all());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.records()).isEqualTo(16);
        assertThat(verification.firstBad().orElseThrow().sequence()).isEqualTo(17);
        assertThat(verification.firstBad().orElseThrow().reason()).isEqualTo("hash mismatch");
    }

    @Test
    void theFilesAloneOfAnEmptyLogVerify() {
        assertThat(FileAuditLog.verifyFiles(FileAuditSettings.defaults(root), AuditRange.all()))
                .isEqualTo(new AuditVerification(0, Optional.empty()));
    }

    private String tamperedReason(Consumer<FileTampering> tamper) throws IOException {
        Path dir = Files.createTempDirectory(root, "case");
        FileAuditSettings settings = FileAuditSettings.defaults(dir);
        try (FileAuditLog fresh = open(settings)) {
            fresh.append(events.batch(10));
        }
        tamper.accept(new FileTampering(dir.resolve("local")));
        try (FileAuditLog reopened = open(settings)) {
            return reopened.verify(AuditRange.all()).firstBad().orElseThrow().reason();
        }
    }

    private BadRecord reopenAndVerify(FileAuditSettings settings) {
        log = open(settings);
        return log.verify(AuditRange.all()).firstBad().orElseThrow();
    }

    private FileAuditSettings smallSegments() {
        return new FileAuditSettings(root, "local", SyncPolicy.BATCH, Duration.ofSeconds(1), 2048);
    }

    private FileAuditLog open(FileAuditSettings settings) {
        return FileAuditLog.open(settings, clock);
    }

    private static long firstSequenceOf(Path segment) {
        return Long.parseLong(segment.getFileName().toString().replace(".log", ""));
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
