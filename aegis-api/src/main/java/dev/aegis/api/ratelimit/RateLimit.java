package dev.aegis.api.ratelimit;

/** The answer of a bucket to one request, with what the {@code RateLimit-*} headers report. */
public sealed interface RateLimit {

    /** The bucket's capacity. */
    long limit();

    /** Tokens left after this request. */
    long remaining();

    /** Whole seconds until the bucket is full again. */
    long resetSeconds();

    /** A token was taken. */
    record Allowed(long limit, long remaining, long resetSeconds) implements RateLimit {}

    /** The bucket is empty; a token will be there in {@code retryAfterSeconds} (at least 1). */
    record Rejected(long limit, long resetSeconds, long retryAfterSeconds) implements RateLimit {

        @Override
        public long remaining() {
            return 0;
        }
    }
}
