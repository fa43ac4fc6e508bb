package dev.aegis.server.config;

import java.util.Objects;

/** {@code rate_limits}: a bucket per client IP (checked before auth) and one per tenant (after auth). */
public record RateLimitsConfig(RateLimitConfig perTenant, RateLimitConfig perIp) {

    public RateLimitsConfig {
        Objects.requireNonNull(perTenant, "perTenant");
        Objects.requireNonNull(perIp, "perIp");
    }
}
