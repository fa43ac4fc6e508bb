package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The requests of the {@link NioHttpTransport}, serialized before the run: one head per body template (request
 * line, {@code Host}, {@code Content-Type}, {@code Accept}, {@code Authorization}, {@code Content-Length}); the body is
 * the template's next body from the {@link RequestBodies}, stamped when the request is written.
 */
final class HttpRequestBytes {

    private final byte[][] heads;
    private final RequestBodies bodies;
    private final TimeSource time;
    private final int maxLength;

    HttpRequestBytes(LoadTestPlan plan, RequestBodies bodies, TimeSource time) {
        this.bodies = bodies;
        this.time = time;
        String prefix = prefix(plan);
        this.heads = new byte[bodies.size()][];
        Arrays.setAll(heads, template -> (prefix + "Content-Length: " + bodies.length(template) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        int longest = 0;
        for (int template = 0; template < heads.length; template++) {
            longest = Math.max(longest, heads[template].length + bodies.length(template));
        }
        this.maxLength = longest;
    }

    private static String prefix(LoadTestPlan plan) {
        URI uri = plan.requestUri();
        String host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return "POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + plan.key().map(key -> "Authorization: Bearer " + key + "\r\n").orElse("");
    }

    /** The longest request, in bytes. */
    int maxLength() {
        return maxLength;
    }

    /** Writes the ticket's request into {@code out}, cleared first, and flips it for writing to the channel. */
    void write(long ticket, ByteBuffer out) {
        int template = (int) (ticket % heads.length);
        out.clear();
        out.put(heads[template]);
        out.put(bodies.nextBody(template, time.now().toEpochMilli()));
        out.flip();
    }
}
