package dev.aegis.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who calls: the tenant a verified key belongs to, the key's roles, and the actor the audit log names for it
 * ({@code key/} and the first 16 hex digits of the key's hash, which identify the key without revealing it).
 */
public record Principal(String tenant, String actor, Set<Role> roles) {

    public Principal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        roles = Set.copyOf(roles);
    }

    /** Whether this caller holds at least one of {@code allowed}. */
    public boolean hasAnyOf(Set<Role> allowed) {
        for (Role role : roles) {
            if (allowed.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
