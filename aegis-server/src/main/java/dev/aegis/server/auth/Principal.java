package dev.aegis.server.auth;

import java.util.Objects;
import java.util.Set;

/** Who calls: the tenant a verified key belongs to, and the key's roles. */
public record Principal(String tenant, Set<Role> roles) {

    public Principal {
        Objects.requireNonNull(tenant, "tenant");
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
