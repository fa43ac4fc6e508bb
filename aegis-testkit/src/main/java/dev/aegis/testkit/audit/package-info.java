/**
 * The contract every {@link dev.aegis.api.audit.AuditLog} adapter must pass, with the tampering each adapter
 * applies to its own storage so that the suite can check that verification finds it.
 */
package dev.aegis.testkit.audit;
