package dev.aegis.server.auth;

/** What a key may do. A route names the roles it admits; a key needs one of them. */
public enum Role {
    /** Everything, including key and tenant administration. */
    ADMIN,
    /** Runs the platform: evaluations, tasks, registry. */
    OPERATOR,
    /** Submits evaluations and tasks. */
    SUBMITTER,
    /** Reads registries, decisions and the audit log; cannot submit. */
    AUDITOR
}
