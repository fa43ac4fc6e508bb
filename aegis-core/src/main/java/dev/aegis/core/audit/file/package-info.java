/**
 * The embedded audit log: {@link dev.aegis.core.audit.file.FileAuditLog} keeps the hash chain in JSON-lines
 * segment files, one folder per UTC day, seals each segment it closes, and moves old days to a gzip archive tier
 * and then away by {@link dev.aegis.core.audit.file.AuditRetention}.
 */
package dev.aegis.core.audit.file;
