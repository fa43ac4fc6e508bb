/**
 * Recording what the node does: {@link dev.aegis.core.audit.AuditTrail} appends to the audit log off the request
 * path with group commit; {@link dev.aegis.core.audit.DecisionRecorder} records each decision in the audit log
 * and the metadata index; {@link dev.aegis.core.audit.TaskAudit} records each stored task move. The embedded
 * audit log adapter, on files, is in {@code dev.aegis.core.audit.file}.
 */
package dev.aegis.core.audit;
