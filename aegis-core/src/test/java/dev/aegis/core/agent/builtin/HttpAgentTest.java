package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAgentTest {

    /** What the test server answers next. */
    private record Reply(int status, String body, boolean slow) {}

    /** What the test server was sent. */
    private record Received(String method, String contentType, String authorization, String body) {}

    private final AgentFixture fixture = new AgentFixture();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch releaseSlowReplies = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Reply reply = new Reply(200, "{\"score\": 0.3}", false);
    private HttpServer server;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/score", this::answer);
        server.setExecutor(serverThreads);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/score";
    }

    @AfterEach
    void stopServer() {
        releaseSlowReplies.countDown();
        server.stop(0);
        serverThreads.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Reply current = reply;
        if (current.slow()) {
            awaitRelease();
        }
        byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(current.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void awaitRelease() {
        try {
            releaseSlowReplies.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Agent agent(String extraSettings) {
        return fixture.agent(new HttpAgentProvider(), "remote", "{'url': '" + url + "'" + extraSettings + "}");
    }

    private AgentOutcome answerTo(int status, String body) throws Exception {
        reply = new Reply(status, body, false);
        return fixture.call(agent(""), "alice", "{'amount': 12}");
    }

    @Test
    void postsSubjectAndDataAsJsonAndReadsTheAnswer() throws Exception {
        reply = new Reply(200, """
                {"score": 0.72, "reasons": ["llm: odd wording"], "payload": {"k": 1}}""", false);
        Agent remote = agent(", 'headers': {'Authorization': 'Bearer secret'}");

        AgentOutcome.Success outcome = success(fixture.call(remote, "alice", "{'amount': 12}"));

        assertThat(outcome)
                .isEqualTo(AgentOutcome.success(0.72, List.of("remote: llm: odd wording"), json("{'k': 1}")));
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).isEqualTo("Bearer secret");
        assertThat(json(request.body())).isEqualTo(json("{'subject': 'alice', 'data': {'amount': 12}}"));
    }

    @Test
    void sendsANullSubjectForInputWithoutOne() throws Exception {
        success(fixture.call(agent(""), "{'n': 1}"));

        assertThat(json(received.poll(5, TimeUnit.SECONDS).body()))
                .isEqualTo(json("{'subject': null, 'data': {'n': 1}}"));
    }

    @Test
    void treatsServerErrorsAndRateLimitsAsRetryable() throws Exception {
        assertThat(failure(answerTo(503, "busy")).retryable()).isTrue();
        assertThat(failure(answerTo(500, "{}")).reason())
                .startsWith("http://127.0.0.1:")
                .endsWith(" answered 500: {}");
        assertThat(failure(answerTo(429, "slow down")).retryable()).isTrue();
    }

    @Test
    void treatsOtherClientErrorsAsPermanent() throws Exception {
        AgentOutcome.Failure badRequest = failure(answerTo(400, "{\"error\": \"no amount\"}"));

        assertThat(badRequest.retryable()).isFalse();
        assertThat(badRequest.reason()).endsWith("answered 400: {\"error\": \"no amount\"}");
        assertThat(failure(answerTo(404, "")).retryable()).isFalse();
    }

    @Test
    void treatsAMalformedAnswerAsPermanent() throws Exception {
        assertThat(failure(answerTo(200, "not json")).reason()).startsWith("malformed answer from http://127.0.0.1:");
        assertThat(failure(answerTo(200, "{\"score\": 1.2}")).retryable()).isFalse();
        assertThat(failure(answerTo(200, "{\"score\": \"high\"}")).retryable()).isFalse();
        assertThat(failure(answerTo(200, "{\"score\": 0.1, \"reasons\": \"one\"}")).retryable()).isFalse();
        assertThat(failure(answerTo(200, "[0.1]")).retryable()).isFalse();
    }

    @Test
    void givesUpAfterTheReadTimeoutRetryably() throws Exception {
        reply = new Reply(200, "{\"score\": 0.1}", true);

        AgentOutcome.Failure outcome = failure(fixture.call(agent(", 'read_timeout': '200ms'"), "alice", "{}"));

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).endsWith("within 200 ms");
    }

    @Test
    void waitsNoLongerThanTheTimeLeftToTheDeadline() throws Exception {
        reply = new Reply(200, "{\"score\": 0.1}", true);
        AgentInput input = AgentInput.of("alice", json("{}"));

        AgentOutcome.Failure outcome = failure(agent("").evaluate(input, fixture.context(Duration.ofMillis(150))));

        assertThat(outcome.reason()).endsWith("within 150 ms");
    }

    @Test
    void doesNotCallWhenTheDeadlineHasPassed() throws Exception {
        AgentInput input = AgentInput.of("alice", json("{}"));

        AgentOutcome.Failure outcome = failure(agent("").evaluate(input, fixture.context(Duration.ZERO)));

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).startsWith("no time left before the deadline");
        assertThat(received).isEmpty();
    }

    @Test
    void treatsAnUnreachableServerAsRetryable() throws Exception {
        Agent remote = agent("");
        server.stop(0);

        AgentOutcome.Failure outcome = failure(fixture.call(remote, "alice", "{}"));

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.reason()).startsWith("cannot call http://127.0.0.1:");
    }

    @Test
    void refusesBadSettingsAtStart() {
        HttpAgentProvider provider = new HttpAgentProvider();

        assertThatThrownBy(() -> fixture.agent(provider, "h", "{}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'h': url is required");
        assertThatThrownBy(() -> fixture.agent(provider, "h", "{'url': 'ftp://example.com/x'}"))
                .hasMessage("agent 'h': url must be an absolute http or https URL with a host, "
                        + "was 'ftp://example.com/x'");
        assertThatThrownBy(() -> fixture.agent(provider, "h", "{'url': 'http://a b'}"))
                .hasMessageStartingWith("agent 'h': url is not a URL");
        assertThatThrownBy(() -> fixture.agent(provider, "h", "{'url': '" + url + "', 'headers': {'Host': 'x'}}"))
                .hasMessageStartingWith("agent 'h': headers cannot set 'Host'");
        assertThatThrownBy(() -> fixture.agent(provider, "h", "{'url': '" + url + "', 'read_timeout': '0s'}"))
                .hasMessage("agent 'h': read_timeout must be positive, was \"0s\"");
    }
}
