package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The default client: a minimal HTTP/1.1 keep-alive client on {@code java.nio}, written because the JDK's
 * {@code HttpClient} costs ten times the CPU a request of a C client, and the load tester shares the cores of the
 * machine it measures (docs/decisions/0003-load-test-client.md). {@code ioThreads} selector threads ({@link NioLoop})
 * each own a share of the {@code connections}; a request goes to the loop of its ticket, or the next one with an idle
 * connection, and the sending thread writes it. Requests are serialized before the run ({@link HttpRequestBytes}), one request in flight a connection,
 * no pipelining, plain {@code http} only.
 */
final class NioHttpTransport implements Transport {

    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final int HTTP_PORT = 80;

    private final NioLoop[] loops;
    private final Thread[] threads;

    NioHttpTransport(LoadTestPlan plan, RequestBodies bodies, TimeSource time) {
        HttpRequestBytes requests = new HttpRequestBytes(plan, bodies, time);
        InetSocketAddress address = address(plan.requestUri());
        int count = Math.min(plan.ioThreads(), plan.connections());
        this.loops = new NioLoop[count];
        this.threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int share = plan.connections() / count + (i < plan.connections() % count ? 1 : 0);
            loops[i] = new NioLoop(address, share, requests, time, plan.timeout().toNanos());
            threads[i] = Thread.ofPlatform().name("aegis-loadtest-io-" + i).daemon()
                    .uncaughtExceptionHandler((thread, e) -> System.err.println(thread.getName() + " failed: " + e))
                    .start(loops[i]);
        }
    }

    private static InetSocketAddress address(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, uri.getPort() == -1 ? HTTP_PORT : uri.getPort());
    }

    @Override
    public void send(long ticket, Consumer<Outcome> done) {
        for (int i = 0; i < loops.length; i++) {
            if (loops[(int) ((ticket + i) % loops.length)].trySend(ticket, done)) {
                return;
            }
        }
        done.accept(new Outcome.Failed("no free connection: more requests in flight than --connections"));
    }

    @Override
    public void close() {
        for (NioLoop loop : loops) {
            loop.stop();
        }
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
