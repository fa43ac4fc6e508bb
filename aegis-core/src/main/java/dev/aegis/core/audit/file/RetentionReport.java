package dev.aegis.core.audit.file;

import java.time.LocalDate;
import java.util.List;

/**
 * What one {@link FileAuditLog#enforceRetention} run did, oldest day first.
 *
 * @param archived the UTC days whose segments moved to the archive tier
 * @param deleted the UTC days that left the log
 */
public record RetentionReport(List<LocalDate> archived, List<LocalDate> deleted) {

    public RetentionReport {
        archived = List.copyOf(archived);
        deleted = List.copyOf(deleted);
    }
}
