package dev.aegis.server.loadtest;

import java.util.function.Consumer;

/** Sends one request without blocking the caller and reports its outcome exactly once, on any thread. */
interface Transport extends AutoCloseable {

    void send(long ticket, Consumer<Outcome> done);

    @Override
    void close();
}
