package dev.aegis.server;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.file.AuditRetention;
import dev.aegis.core.audit.file.FileAuditLog;
import dev.aegis.core.audit.file.FileAuditSettings;
import dev.aegis.core.config.ConfigException;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.AuditSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the audit log that {@code audit} describes, and turns its settings into the core's; for {@code aegis audit
 * verify}, checks that log's files without opening it for writing.
 */
public final class AuditLogs {

    private static final int MAX_BATCH = 4_096;
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private AuditLogs() {}

    /** The file log, or empty when {@code audit.type} is none. */
    static Optional<FileAuditLog> open(AuditSection audit, Path dataDir, TimeSource time) {
        if (!audit.enabled()) {
            return Optional.empty();
        }
        return Optional.of(FileAuditLog.open(settings(audit, dataDir), time));
    }

    /**
     * Checks the chain of the file log that {@code config} points at, reading its files only: safe beside the node
     * that writes it (records it is appending may be left out).
     *
     * @throws ConfigException when the configuration keeps no audit log
     * @throws dev.aegis.api.audit.AuditLogException when the files cannot be read
     */
    public static AuditVerification verifyFiles(AegisConfig config, AuditRange range) {
        if (!config.audit().enabled()) {
            throw new ConfigException("audit.type is none: this configuration keeps no audit log to verify");
        }
        return FileAuditLog.verifyFiles(settings(config.audit(), config.server().dataDir()), range);
    }

    /** @throws ConfigException when the environment name is not a valid folder name */
    static FileAuditSettings settings(AuditSection audit, Path dataDir) {
        Path root = audit.dir().isBlank() ? dataDir.resolve("audit") : Path.of(audit.dir());
        try {
            return new FileAuditSettings(root, audit.environment(), audit.sync(),
                    audit.syncInterval(), audit.segmentBytes());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("audit: " + e.getMessage(), e);
        }
    }

    static AuditRetention retention(AuditSection audit) {
        return new AuditRetention(audit.archiveAfter(), audit.deleteAfter());
    }

    static AuditTrail.Settings trailSettings(AuditSection audit) {
        return new AuditTrail.Settings(audit.queue(), MAX_BATCH, audit.linger(), PATIENCE, CLOSE_GRACE);
    }
}
