package dev.aegis.server.http;

import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import dev.aegis.server.auth.Authentication;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.auth.Principal;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Lets a request in or ends it: the client IP's bucket (before auth, so that guessing keys costs tokens), the
 * API key (401), the route's roles (403), then the tenant's bucket. 429s carry {@code Retry-After}; every
 * admitted request carries {@code RateLimit-*} headers of the tighter of its two buckets. Shared buckets that
 * cannot be reached end the request with a 503 and {@code Retry-After: 1}.
 */
final class Admission {

    static final HeaderName RATE_LIMIT_LIMIT = HeaderNames.create("RateLimit-Limit");
    static final HeaderName RATE_LIMIT_REMAINING = HeaderNames.create("RateLimit-Remaining");
    static final HeaderName RATE_LIMIT_RESET = HeaderNames.create("RateLimit-Reset");
    private static final Header BEARER_CHALLENGE = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");

    private final Authenticator authenticator;
    private final RateLimiter perIp;
    private final RateLimiter perTenant;

    Admission(Authenticator authenticator, RateLimiter perIp, RateLimiter perTenant) {
        this.authenticator = authenticator;
        this.perIp = perIp;
        this.perTenant = perTenant;
    }

    Caller admit(Route route, ServerRequest request, String requestId) {
        if (!route.access().authenticated()) {
            return Caller.anonymous(requestId);
        }
        RateLimit ip = acquire(perIp, clientAddress(request), "client address");
        Principal principal = authenticate(request);
        if (!principal.hasAnyOf(route.access().roles())) {
            throw new ProblemException(ProblemType.FORBIDDEN, route.method().text() + " " + route.path()
                    + " needs one of the roles " + route.access().roles() + "; the key has " + principal.roles());
        }
        RateLimit tenant = acquire(perTenant, principal.tenant(), "tenant");
        return new Caller(requestId, Optional.of(principal), headers(tighter(ip, tenant)));
    }

    private Principal authenticate(ServerRequest request) {
        return switch (authenticator.authenticate(request.headers().first(HeaderNames.AUTHORIZATION))) {
            case Authentication.Granted granted -> granted.principal();
            case Authentication.Denied denied -> throw new ProblemException(
                    ProblemType.UNAUTHORIZED, denied.reason(), Optional.empty(), List.of(BEARER_CHALLENGE));
        };
    }

    private static RateLimit acquire(RateLimiter limiter, String key, String scope) {
        try {
            return requireToken(limiter.tryAcquire(key), scope);
        } catch (RateLimiterUnavailableException e) {
            throw ProblemException.unavailable("the " + scope + " rate limit cannot be checked now; retry in 1 s");
        }
    }

    private static RateLimit requireToken(RateLimit limit, String scope) {
        if (limit instanceof RateLimit.Rejected rejected) {
            List<Header> headers = List.of(
                    HeaderValues.create(HeaderNames.RETRY_AFTER, rejected.retryAfterSeconds()),
                    HeaderValues.create(RATE_LIMIT_LIMIT, rejected.limit()),
                    HeaderValues.create(RATE_LIMIT_REMAINING, 0),
                    HeaderValues.create(RATE_LIMIT_RESET, rejected.resetSeconds()));
            String detail = "the " + scope + " rate limit of " + rejected.limit() + " requests is used up; retry in "
                    + rejected.retryAfterSeconds() + " s";
            throw new ProblemException(ProblemType.RATE_LIMITED, detail, Optional.empty(), headers);
        }
        return limit;
    }

    private static RateLimit tighter(RateLimit a, RateLimit b) {
        return a.remaining() <= b.remaining() ? a : b;
    }

    private static List<Header> headers(RateLimit limit) {
        return List.of(
                HeaderValues.create(RATE_LIMIT_LIMIT, limit.limit()),
                HeaderValues.create(RATE_LIMIT_REMAINING, limit.remaining()),
                HeaderValues.create(RATE_LIMIT_RESET, limit.resetSeconds()));
    }

    private static String clientAddress(ServerRequest request) {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return request.remotePeer().host();
    }
}
