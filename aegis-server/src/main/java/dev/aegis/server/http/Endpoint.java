package dev.aegis.server.http;

import io.helidon.webserver.http.ServerRequest;

/** Answers one admitted request; throws {@link ProblemException} to answer with a problem. */
@FunctionalInterface
interface Endpoint {

    Reply serve(ServerRequest request, Caller caller);
}
