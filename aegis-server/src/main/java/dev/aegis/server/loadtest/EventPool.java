package dev.aegis.server.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.AegisException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request bodies serialized before the run, so no JSON is written while sending. A body is a template copied and
 * patched in place at known offsets, with fixed-width values: the subject number, the host part of the IP address
 * (the subject's own address in the template's block) and the timestamp (epoch milliseconds, 13 digits); so every
 * body of a template has the same length. Template {@code t} belongs to profile {@code t % profiles}, and subject
 * {@code s} to profile {@code s % profiles}: each use of a template speaks for the next subject of its profile in
 * turn, so each subject keeps its home, its devices, its address and its account age across the run, and over a long
 * run every subject in {@code [0, subjects)} is used evenly.
 */
final class EventPool implements RequestBodies {

    static final int DEFAULT_TEMPLATES = 4096;
    private static final byte[] SUBJECT_PREFIX = "{\"subject\":\"user-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IP_KEY = "\"ip\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP_KEY = "\"timestamp\":".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMESTAMP_DIGITS = 13;
    private static final long TIMESTAMP_PLACEHOLDER = 1_000_000_000_000L;

    private final Template[] templates;
    private final int profiles;
    private final int subjects;
    private final int subjectDigits;
    private final long seed;
    private final AtomicLongArray turns;

    private EventPool(Template[] templates, int profiles, int subjects, long seed) {
        this.templates = templates;
        this.profiles = profiles;
        this.subjects = subjects;
        this.subjectDigits = Long.toString(subjects - 1L).length();
        this.seed = seed;
        this.turns = new AtomicLongArray(templates.length);
    }

    static EventPool generate(int templates, int subjects, long seed) {
        LoginEventGenerator generator = new LoginEventGenerator(seed);
        int profileCount = Math.min(templates, subjects);
        LoginEventGenerator.Profile[] profiles = new LoginEventGenerator.Profile[profileCount];
        Arrays.setAll(profiles, i -> generator.profile());
        String subjectPlaceholder = "user-" + "0".repeat(Long.toString(subjects - 1L).length());
        ObjectMapper json = new ObjectMapper();
        Template[] bodies = new Template[templates];
        for (int t = 0; t < templates; t++) {
            LoginEventGenerator.LoginEvent event = generator.event(profiles[t % profileCount], TIMESTAMP_PLACEHOLDER);
            ObjectNode body = json.createObjectNode();
            body.put("subject", subjectPlaceholder);
            body.set("event", event.json());
            byte[] bytes = write(json, body);
            bodies[t] = new Template(bytes, indexAfter(bytes, IP_KEY) + event.ip().prefix().length(),
                    event.ip().shape(), indexAfter(bytes, TIMESTAMP_KEY));
        }
        return new EventPool(bodies, profileCount, subjects, seed);
    }

    @Override
    public int size() {
        return templates.length;
    }

    @Override
    public int length(int template) {
        return templates[template].bytes().length;
    }

    /** The template's next body: its profile's next subject, with its own address, stamped with the given time. */
    @Override
    public byte[] nextBody(int template, long epochMillis) {
        Template source = templates[template];
        long subject = subject(template, turns.getAndIncrement(template));
        byte[] body = source.bytes().clone();
        writeDigits(body, SUBJECT_PREFIX.length, subjectDigits, subject);
        IpBlock.patch(body, source.ipOffset(), source.ipShape(), mix(subject ^ seed));
        writeDigits(body, source.timestampOffset(), TIMESTAMP_DIGITS, epochMillis);
        return body;
    }

    /** The subject number of the template's {@code turn}-th use: its profile's subjects, taken in turn. */
    long subject(int template, long turn) {
        int profile = template % profiles;
        long perProfile = (subjects - profile + profiles - 1L) / profiles;
        return profile + (long) profiles * (turn % perProfile);
    }

    /** SplitMix64's finalizer: spreads subject numbers over the address space. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void writeDigits(byte[] target, int offset, int width, long value) {
        long rest = value;
        for (int i = offset + width - 1; i >= offset; i--) {
            target[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static byte[] write(ObjectMapper json, ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new AegisException("cannot serialize a generated login event: " + e.getOriginalMessage(), e);
        }
    }

    private static int indexAfter(byte[] body, byte[] key) {
        for (int i = 0; i <= body.length - key.length; i++) {
            if (Arrays.equals(body, i, i + key.length, key, 0, key.length)) {
                return i + key.length;
            }
        }
        throw new AegisException("generated login event has no " + new String(key, StandardCharsets.US_ASCII) + ": "
                + new String(body, StandardCharsets.UTF_8));
    }

    private record Template(byte[] bytes, int ipOffset, IpBlock.Shape ipShape, int timestampOffset) {}
}
