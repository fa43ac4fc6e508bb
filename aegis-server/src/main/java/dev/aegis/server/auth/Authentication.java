package dev.aegis.server.auth;

/** How checking an {@code Authorization} header ended. */
public sealed interface Authentication {

    /** The key is known: here is its owner. */
    record Granted(Principal principal) implements Authentication {}

    /** No usable key: {@code reason} says why, in words safe to return to the caller. */
    record Denied(String reason) implements Authentication {}
}
