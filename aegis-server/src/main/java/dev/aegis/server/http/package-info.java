/**
 * The HTTP API on Helidon SE: the route table ({@code Route}), admission (rate limits, API keys, roles), the
 * endpoints, and RFC 9457 problem responses. {@link dev.aegis.server.http.HttpApi} is the entry point.
 */
package dev.aegis.server.http;
