package dev.aegis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Submits tasks through a load balancer as a careful client does: each task has an idempotency key of its own, and a
 * request that fails without an answer (connection reset, 502 or 504 from nginx) or with a 5xx or 429 is sent again
 * with the same key until it is accepted, so a task accepted by a node that died before its answer reached the client
 * is answered 200 with the first task instead of being created twice. Every failure is counted by kind. Only the standard library and Jackson: the drill
 * of {@code scripts/cluster-local.sh} runs it on the runnable jar's class path.
 */
final class TaskSubmissions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRIORITIES = List.of("critical", "high", "normal", "low");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long FIRST_BACKOFF_MS = 20;
    private static final long MAX_BACKOFF_MS = 1_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tasks;
    private final String key;
    private final String run;
    private final String body;
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    /**
     * @param base the load balancer, {@code http://127.0.0.1:18080}
     * @param key the API key (a submitter)
     * @param run put before every idempotency key: {@code <run>-<n>}
     * @param input the task's input and agent as a format with one {@code %d} for n, e.g.
     *     {@code "agent": "echo", "input": {"n": %d}}
     */
    TaskSubmissions(URI base, String key, String run, String input) {
        this.tasks = base.resolve("/v1/tasks");
        this.key = key;
        this.run = run;
        this.body = input;
    }

    /** What the submission saw. {@code idsByKey}: each idempotency key's task id, as the answers gave it. */
    record Result(Map<String, String> idsByKey, int created, int reused, long retries, Map<String, Integer> failures,
            Duration took) {

        double perSecond() {
            return idsByKey.size() / Math.max(took.toNanos() / 1e9, 1e-9);
        }
    }

    /** Tasks answered 202 or 200 so far. */
    int accepted() {
        return accepted.get();
    }

    /** Submits tasks 0 to {@code count - 1} from {@code clients} threads; each retries until {@code deadline}. */
    Result submit(int count, int clients, long deadlineNanos) throws InterruptedException {
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                done.add(threads.submit(() -> {
                    for (int n = first; n < count; n += clients) {
                        submitOne(n, deadlineNanos);
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a submitting client failed: " + e.getCause().getMessage(), e.getCause());
        }
        Map<String, Integer> failed = new java.util.TreeMap<>();
        failures.forEach((why, times) -> failed.put(why, times.get()));
        return new Result(Map.copyOf(idsByKey), created.get(), reused.get(), retries.get(), failed,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void submitOne(int n, long deadlineNanos) throws InterruptedException {
        String idempotencyKey = run + "-" + n;
        HttpRequest request = HttpRequest.newBuilder(tasks).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{" + body.formatted(n) + ", \"priority\": \""
                        + PRIORITIES.get(n % PRIORITIES.size()) + "\", \"idempotency_key\": \"" + idempotencyKey
                        + "\"}"))
                .build();
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            String failure = send(request, idempotencyKey, attempt);
            if (failure == null) {
                return;
            }
            failures.computeIfAbsent(failure, why -> new AtomicInteger()).incrementAndGet();
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IllegalStateException("task " + idempotencyKey + " not accepted after " + attempt
                        + " attempts; the last failed with " + failure);
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** Sends once; null when the task was accepted, else why the request must be sent again. */
    private String send(HttpRequest request, String idempotencyKey, int attempt) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
        int status = response.statusCode();
        if (status == 202 || status == 200) {
            accept(idempotencyKey, status, attempt, response.body());
            return null;
        }
        if (status == 429 || status >= 500) {
            return "HTTP " + status;
        }
        throw new IllegalStateException("task " + idempotencyKey + " refused with " + status + ": " + response.body());
    }

    private void accept(String idempotencyKey, int status, int attempt, String answer) {
        String id = read(answer).get("id").asText();
        String before = idsByKey.putIfAbsent(idempotencyKey, id);
        if (before != null) {
            throw new IllegalStateException("key " + idempotencyKey + " answered twice: " + before + ", " + id);
        }
        if (status == 200 && attempt == 1) {
            throw new IllegalStateException("key " + idempotencyKey + " was new but answered 200 (reused): " + answer);
        }
        (status == 202 ? created : reused).incrementAndGet();
        accepted.incrementAndGet();
    }

    private static JsonNode read(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + answer, e);
        }
    }
}
