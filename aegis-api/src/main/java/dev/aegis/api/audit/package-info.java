/**
 * The audit log: an append-only, hash-chained record of what Aegis decided and who did what. {@link
 * dev.aegis.api.audit.AuditLog} is the port; an adapter keeps the chain and proves it with
 * {@link dev.aegis.api.audit.AuditLog#verify}.
 */
package dev.aegis.api.audit;
