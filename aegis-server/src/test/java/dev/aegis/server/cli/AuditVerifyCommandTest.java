package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.audit.file.FileAuditLog;
import dev.aegis.core.audit.file.FileAuditSettings;
import dev.aegis.testkit.audit.AuditEventFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis audit verify} over a real file log that the configuration points at, sound and then tampered. */
class AuditVerifyCommandTest {

    @TempDir
    Path directory;

    private Map<String, String> environment;

    @BeforeEach
    void writeALog() {
        Path data = directory.resolve("data");
        try (FileAuditLog log = FileAuditLog.open(FileAuditSettings.defaults(data.resolve("audit")),
                TimeSource.system())) {
            log.append(new AuditEventFixtures().batch(40));
        }
        environment = Map.of("AEGIS_SERVER_DATA_DIR", data.toString());
    }

    @Test
    void aSoundLogIsOkAndExitsZero() {
        CommandRun run = new CommandRun(environment, server -> {});

        int exit = run.execute("audit", "verify");

        assertThat(exit).as(run.err.toString()).isZero();
        assertThat(run.out.toString()).isEqualTo("ok: 40 records, chain sound\n");
    }

    @Test
    void aChangedRecordIsNamedAndExitsOne() throws IOException {
        Path segment = onlySegment();
        List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        lines.set(9, lines.get(9).replace("\"tenant\":\"", "\"tenant\":\"x"));
        Files.write(segment, lines, StandardCharsets.UTF_8);
        CommandRun run = new CommandRun(environment, server -> {});

        int exit = run.execute("audit", "verify");

        assertThat(exit).isEqualTo(1);
        assertThat(run.out.toString()).startsWith("NOT OK: 9 records sound, then local/")
                .contains(segment.getFileName() + ":10 (sequence 10): hash mismatch");
    }

    @Test
    void aRangeCountsOnlyItsRecords() {
        CommandRun run = new CommandRun(environment, server -> {});

        int exit = run.execute("audit", "verify", "--from", AuditEventFixtures.START.plusSeconds(10).toString(),
                "--to", AuditEventFixtures.START.plusSeconds(20).toString());

        assertThat(exit).as(run.err.toString()).isZero();
        assertThat(run.out.toString()).isEqualTo("ok: 10 records, chain sound\n");
    }

    @Test
    void badArgumentsAndAConfigurationWithoutALogAreUsageErrors() {
        CommandRun reversed = new CommandRun(environment, server -> {});
        assertThat(reversed.execute("audit", "verify", "--from", "2026-01-02T00:00:00Z", "--to",
                "2026-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(reversed.err.toString()).contains("--to must be after --from");

        CommandRun notAnInstant = new CommandRun(environment, server -> {});
        assertThat(notAnInstant.execute("audit", "verify", "--from", "yesterday")).isEqualTo(2);

        CommandRun off = new CommandRun(Map.of("AEGIS_AUDIT_TYPE", "none"), server -> {});
        assertThat(off.execute("audit", "verify")).isEqualTo(2);
        assertThat(off.err.toString()).contains("audit.type is none");
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("data/audit/local"))) {
            return files.filter(file -> file.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }
}
