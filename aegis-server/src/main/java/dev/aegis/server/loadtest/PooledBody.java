package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The body of one pooled request: each time the client sends it, it takes the template's next body, stamped now.
 * This lets every request be built once, before the run, and reused.
 */
final class PooledBody implements HttpRequest.BodyPublisher {

    private final RequestBodies bodies;
    private final int template;
    private final TimeSource time;

    PooledBody(RequestBodies bodies, int template, TimeSource time) {
        this.bodies = bodies;
        this.template = template;
        this.time = time;
    }

    @Override
    public long contentLength() {
        return bodies.length(template);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        byte[] body = bodies.nextBody(template, time.now().toEpochMilli());
        HttpRequest.BodyPublishers.ofByteArray(body).subscribe(subscriber);
    }
}
