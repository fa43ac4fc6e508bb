package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.time.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nio client against a raw socket server that answers each request with a scripted response. */
class NioHttpTransportTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

    private final AtomicInteger accepted = new AtomicInteger();
    private final Queue<String> heads = new ConcurrentLinkedQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void keptAliveRequestsShareOneConnectionAndCarryTheirHeaders() throws Exception {
        start(request -> OK);

        try (NioHttpTransport transport = transport(1)) {
            for (long ticket = 0; ticket < 20; ticket++) {
                assertThat(send(transport, ticket)).isEqualTo(new Outcome.Response(200));
            }
        }

        assertThat(accepted).hasValue(1);
        assertThat(heads.peek()).startsWith("POST /v1/pipelines/login-risk/evaluate HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n", "Authorization: Bearer k\r\n",
                        "Content-Type: application/json\r\n", "Content-Length: ");
    }

    @Test
    void connectionCloseIsHonouredAndTheNextRequestReconnects() throws Exception {
        start(request -> "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

        try (NioHttpTransport transport = transport(1)) {
            for (long ticket = 0; ticket < 5; ticket++) {
                assertThat(send(transport, ticket)).isEqualTo(new Outcome.Response(201));
            }
        }

        assertThat(accepted).hasValue(5);
    }

    @Test
    void chunkedResponsesAreReadWhole() throws Exception {
        start(request -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");

        try (NioHttpTransport transport = transport(1)) {
            for (long ticket = 0; ticket < 5; ticket++) {
                assertThat(send(transport, ticket)).isEqualTo(new Outcome.Response(200));
            }
        }

        assertThat(accepted).hasValue(1);
    }

    @Test
    void aMalformedResponseIsAnIoErrorThatSaysWhy() throws Exception {
        start(request -> "HTTP/9 OK\r\n\r\n");

        try (NioHttpTransport transport = transport(1)) {
            assertThat(send(transport, 0)).isInstanceOfSatisfying(Outcome.Failed.class, failed ->
                    assertThat(failed.reason()).contains("ProtocolException", "malformed status line: 'HTTP/9 OK'"));
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutAndTheConnectionIsReplaced() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        start(request -> requests.incrementAndGet() == 1 ? null : OK);

        try (NioHttpTransport transport = transport(1)) {
            assertThat(send(transport, 0)).isEqualTo(Outcome.TIMED_OUT);
            assertThat(send(transport, 1)).isEqualTo(new Outcome.Response(200));
        }

        assertThat(accepted).hasValue(2);
    }

    @Test
    void aServerClosingAnIdleConnectionCostsNoRequest() throws Exception {
        start(request -> OK + "\u0000close");

        try (NioHttpTransport transport = transport(1)) {
            for (long ticket = 0; ticket < 3; ticket++) {
                assertThat(send(transport, ticket)).isEqualTo(new Outcome.Response(200));
                Thread.sleep(100);
            }
        }

        assertThat(accepted).hasValue(3);
    }

    private static Outcome send(Transport transport, long ticket) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        transport.send(ticket, outcome::complete);
        return outcome.get(5, TimeUnit.SECONDS);
    }

    private NioHttpTransport transport(int connections) {
        LoadTestPlan plan = new LoadTestPlan(URI.create("http://127.0.0.1:" + server.getLocalPort()), "login-risk",
                100, Duration.ofSeconds(1), Duration.ZERO, connections, Optional.of("k"), 10, OptionalLong.empty(),
                Duration.ofMillis(300), 42, 1, SloTargets.defaults(), LoadTestPlan.Client.NIO,
                Optional.empty());
        return new NioHttpTransport(plan, EventPool.generate(16, 10, 42), TimeSource.system());
    }

    /**
     * Answers each request with {@code answer.apply(n)}: {@code null} for no answer, a trailing NUL then
     * {@code close} to close the connection after the answer.
     */
    private void start(IntFunction<String> answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    Thread.ofVirtual().start(() -> serve(socket, answer));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket, IntFunction<String> answer) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int n = 0;
            String head;
            while ((head = readRequest(in)) != null) {
                heads.add(head);
                String response = answer.apply(n++);
                if (response == null) {
                    continue;
                }
                int close = response.indexOf('\u0000');
                out.write((close < 0 ? response : response.substring(0, close)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (close >= 0) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The request's head; its body, by Content-Length, is read and dropped. Null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                int start = text.indexOf("Content-Length: ") + "Content-Length: ".length();
                int length = Integer.parseInt(text.substring(start, text.indexOf("\r\n", start)));
                in.readNBytes(length);
                return text;
            }
        }
        return null;
    }
}
