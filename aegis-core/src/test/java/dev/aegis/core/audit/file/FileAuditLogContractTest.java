package dev.aegis.core.audit.file;

import dev.aegis.api.audit.AuditLog;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.audit.AuditLogContract;
import dev.aegis.testkit.audit.Tampering;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogContractTest extends AuditLogContract {

    @TempDir
    Path root;

    @Override
    protected AuditLog open() {
        return FileAuditLog.open(FileAuditSettings.defaults(root), new ManualClock());
    }

    @Override
    protected Tampering tampering() {
        return new FileTampering(root.resolve("local"));
    }
}
