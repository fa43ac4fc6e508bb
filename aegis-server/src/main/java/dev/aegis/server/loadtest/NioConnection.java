package dev.aegis.server.loadtest;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One keep-alive connection of a {@link NioLoop}, one request in flight at most. The sending thread writes a request
 * straight to the socket ({@link #send}): that spares a hand-over and a wake-up of the loop thread per request, which
 * on a shared box cost more than the write itself. Everything else runs on the loop thread: connecting (first use,
 * after a close), finishing a write the socket buffer could not take whole, reading the response with a
 * {@link ResponseParser}, timing it out. Any failure closes the connection; the next request reconnects.
 *
 * <p>Who may touch it is decided by {@code state}: an {@code IDLE} connection belongs to the idle pool, a
 * {@code BUSY} one to its request, and a {@code BROKEN} one was closed by the server while idle (the next request
 * hands it to the loop to reconnect). A connection enters the idle pool only from the loop thread, so the queue
 * between them orders every field the sending thread reads.
 */
final class NioConnection {

    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int BROKEN = 2;

    private final NioLoop loop;
    private final InetSocketAddress address;
    private final HttpRequestBytes requests;
    private final ResponseParser parser = new ResponseParser();
    private final ByteBuffer out;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private SocketChannel channel;
    private SelectionKey key;
    private volatile Consumer<Outcome> done;
    private volatile long deadline;
    private volatile IOException writeFailure;
    private volatile boolean reconnect;

    NioConnection(NioLoop loop, InetSocketAddress address, HttpRequestBytes requests) {
        this.loop = loop;
        this.address = address;
        this.requests = requests;
        this.out = ByteBuffer.allocateDirect(requests.maxLength());
    }

    /** Whether a request is in flight past the given instant of the monotonic clock; loop thread. */
    boolean expiredAt(long nanoTime) {
        return state.get() == BUSY && done != null && deadline - nanoTime <= 0;
    }

    /** Sending thread, on a connection just taken from the idle pool: writes the ticket's request. */
    void send(long ticket, Consumer<Outcome> whenDone, long deadlineNanos) {
        requests.write(ticket, out);
        writeFailure = null;
        deadline = deadlineNanos;
        done = whenDone;
        if (state.getAndSet(BUSY) == BROKEN || channel == null) {
            reconnect = true;
            loop.handOver(this);
            return;
        }
        // The response may be read, and the connection even released, before write() returns: from here on, only
        // what write() itself updates (out) may be touched, and only until the hand-over.
        try {
            channel.write(out);
        } catch (IOException e) {
            writeFailure = e;
        }
        if (out.hasRemaining() || writeFailure != null) {
            loop.handOver(this);
        }
    }

    /** Loop thread: carries on a request the sending thread could not write whole, or reconnects for it. */
    void resume() {
        if (state.get() != BUSY) {
            return;
        }
        try {
            IOException failure = writeFailure;
            if (failure != null && out.position() > 0) {
                throw failure;
            }
            if (reconnect || failure != null || channel == null || key == null || !key.isValid()) {
                reconnect = false;
                close();
                connect();
            } else {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void connect() throws IOException {
        out.rewind();
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = channel.connect(address);
        key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (connected) {
            flush();
        }
    }

    /** Loop thread: the selector found the channel ready; {@code in} is the loop's read buffer. */
    void onReady(SelectionKey ready, ByteBuffer in) {
        try {
            if (ready.isConnectable()) {
                channel.finishConnect();
                ready.interestOps(SelectionKey.OP_READ);
                flush();
                return;
            }
            if (ready.isWritable()) {
                flush();
            }
            if (ready.isValid() && ready.isReadable()) {
                read(in);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void flush() throws IOException {
        channel.write(out);
        boolean writing = (key.interestOps() & SelectionKey.OP_WRITE) != 0;
        if (out.hasRemaining() != writing) {
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void read(ByteBuffer in) throws IOException {
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            if (brokenWhileIdle()) {
                return;
            }
            throw e;
        }
        if (n == 0 || brokenWhileIdle()) {
            return;
        }
        if (n < 0) {
            endOfInput();
            return;
        }
        in.flip();
        if (parser.parse(in)) {
            complete(parser.keepAlive() && !in.hasRemaining());
        }
    }

    /**
     * Bytes, an end or an error on a connection with no request: the server closed it while idle. It stays in the
     * idle pool, marked, for the sending thread may be taking it right now; its next request reconnects.
     */
    private boolean brokenWhileIdle() {
        int now = state.get();
        if (now == BUSY || (now == IDLE && !state.compareAndSet(IDLE, BROKEN))) {
            return false;
        }
        key.interestOps(0);
        return true;
    }

    private void endOfInput() throws IOException {
        if (parser.endOfInput()) {
            complete(false);
        } else {
            throw new EOFException("the server closed the connection " + (parser.idle()
                    ? "before answering" : "in the middle of the response"));
        }
    }

    private void complete(boolean keepAlive) {
        int status = parser.status();
        if (!keepAlive) {
            close();
        }
        end(new Outcome.Response(status));
    }

    /** Loop thread: no response by the deadline; the connection is given up, as the response may yet arrive on it. */
    void timeOut() {
        close();
        end(Outcome.TIMED_OUT);
    }

    private void fail(Exception e) {
        close();
        if (state.get() == BUSY && done != null) {
            end(new Outcome.Failed(e.toString()));
        }
    }

    private void end(Outcome outcome) {
        Consumer<Outcome> listener = done;
        done = null;
        parser.reset();
        state.set(IDLE);
        loop.release(this, listener, outcome);
    }

    /** Loop thread. */
    void close() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a failed connection: nothing left to report
            }
            channel = null;
        }
        parser.reset();
    }
}
