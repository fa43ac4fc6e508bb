package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One selector thread of the {@link NioHttpTransport} and the connections it owns. The sending thread takes an idle
 * connection and writes its request itself; this thread reads the responses, and does the rarer work handed over to
 * it (connecting, the rest of a partial write). A connection goes back to the idle pool before its request's outcome
 * is reported, so the dispatcher, which frees its own count on that report, never finds a connection free that no
 * loop has. Timeouts are checked on a tick, a fiftieth of the request timeout (at most 100 ms).
 */
final class NioLoop implements Runnable {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MAX_TICK_MILLIS = 100;
    private static final int TICKS_PER_TIMEOUT = 50;

    private final Selector selector;
    private final TimeSource time;
    private final long timeoutNanos;
    private final long tickMillis;
    private final NioConnection[] connections;
    private final ConcurrentLinkedDeque<NioConnection> idle = new ConcurrentLinkedDeque<>();
    private final Queue<NioConnection> handedOver = new ConcurrentLinkedQueue<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private volatile boolean running = true;

    NioLoop(InetSocketAddress address, int connectionCount, HttpRequestBytes requests, TimeSource time,
            long timeoutNanos) {
        this.selector = open();
        this.time = time;
        this.timeoutNanos = timeoutNanos;
        this.tickMillis = Math.clamp(timeoutNanos / NANOS_PER_MILLI / TICKS_PER_TIMEOUT, 1, MAX_TICK_MILLIS);
        this.connections = new NioConnection[connectionCount];
        for (int i = 0; i < connectionCount; i++) {
            connections[i] = new NioConnection(this, address, requests);
            idle.push(connections[i]);
        }
    }

    private static Selector open() {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the load test client", e);
        }
    }

    Selector selector() {
        return selector;
    }

    /** Sending thread: sends the request on an idle connection of this loop; false when none is idle. */
    boolean trySend(long ticket, Consumer<Outcome> done) {
        NioConnection connection = idle.poll();
        if (connection == null) {
            return false;
        }
        connection.send(ticket, done, time.nanoTime() + timeoutNanos);
        return true;
    }

    /** Sending thread: the connection needs this loop's thread to go on with its request. */
    void handOver(NioConnection connection) {
        handedOver.add(connection);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            long nextTick = time.nanoTime();
            while (running) {
                selector.select(this::onReady, tickMillis);
                resumeHandedOver();
                long now = time.nanoTime();
                if (now - nextTick >= 0) {
                    expireTimedOut(now);
                    nextTick = now + tickMillis * NANOS_PER_MILLI;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("load test client selector failed", e);
        } finally {
            closeAll();
        }
    }

    /** Loop thread: a connection's request ended; it is idle again, then the outcome is reported. */
    void release(NioConnection connection, Consumer<Outcome> done, Outcome outcome) {
        idle.push(connection);
        done.accept(outcome);
    }

    private void onReady(SelectionKey key) {
        if (key.isValid()) {
            ((NioConnection) key.attachment()).onReady(key, in);
        }
    }

    private void resumeHandedOver() {
        NioConnection connection;
        while ((connection = handedOver.poll()) != null) {
            connection.resume();
        }
    }

    private void expireTimedOut(long now) {
        for (NioConnection connection : connections) {
            if (connection.expiredAt(now)) {
                connection.timeOut();
            }
        }
    }

    private void closeAll() {
        for (NioConnection connection : connections) {
            connection.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // shutting down: nothing left to report
        }
    }
}
