package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@code --client jdk}: {@link java.net.http.HttpClient} in asynchronous mode, HTTP/1.1 keep-alive, for {@code https}
 * or to cross-check the default {@link NioHttpTransport}, which costs a third to a half of its CPU a request (see
 * docs/loadtest.md). Completions run directly on each client's selector thread (no executor hand-off), the cheapest
 * way to run it of those tried. Tickets are spread over {@code ioThreads} clients, each with its
 * own selector thread; the dispatcher bounds the requests in flight, hence the connections open. One request per
 * body template is built before the run; its {@link PooledBody} takes the template's next body when sent.
 */
final class JdkHttpTransport implements Transport {

    private static final HttpResponse.BodyHandler<Void> DISCARD = HttpResponse.BodyHandlers.discarding();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final HttpClient[] clients;
    private final HttpRequest[] requests;

    JdkHttpTransport(LoadTestPlan plan, RequestBodies bodies, TimeSource time) {
        this.clients = new HttpClient[plan.ioThreads()];
        Arrays.setAll(clients, i -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(plan.timeout())
                .executor(Runnable::run)
                .build());
        this.requests = new HttpRequest[bodies.size()];
        Arrays.setAll(requests, template -> request(plan, new PooledBody(bodies, template, time)));
    }

    private static HttpRequest request(LoadTestPlan plan, PooledBody body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(plan.requestUri())
                .timeout(plan.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        plan.key().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder.POST(body).build();
    }

    @Override
    public void send(long ticket, Consumer<Outcome> done) {
        HttpRequest request = requests[(int) (ticket % requests.length)];
        clients[(int) (ticket % clients.length)].sendAsync(request, DISCARD)
                .whenComplete((response, failure) -> done.accept(outcome(response, failure)));
    }

    static Outcome outcome(HttpResponse<?> response, Throwable failure) {
        if (failure == null) {
            return new Outcome.Response(response.statusCode());
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof HttpTimeoutException ? Outcome.TIMED_OUT : new Outcome.Failed(cause.toString());
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        for (HttpClient client : clients) {
            try {
                client.awaitTermination(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
