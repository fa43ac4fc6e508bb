/**
 * API keys: {@code Authorization: Bearer <key>}, keys stored as SHA-256 hashes, one tenant and a set of roles
 * per key. {@link dev.aegis.server.auth.Authenticator} is the entry point.
 */
package dev.aegis.server.auth;
