package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditLog;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.audit.AuditLogContract;
import dev.aegis.testkit.audit.Tampering;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The contract again with segments of about four records, so that tampering meets seals and segment edges. */
class FileAuditLogSmallSegmentContractTest extends AuditLogContract {

    @TempDir
    Path root;

    @Override
    protected AuditLog open() {
        return FileAuditLog.open(new FileAuditSettings(root, "small", SyncPolicy.NONE, Duration.ofSeconds(1), 1024),
                new ManualClock());
    }

    @Override
    protected Tampering tampering() {
        return new FileTampering(root.resolve("small"));
    }
}
