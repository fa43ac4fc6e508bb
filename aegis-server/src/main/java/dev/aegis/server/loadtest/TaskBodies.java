package dev.aegis.server.loadtest;

import dev.aegis.api.task.Priority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bodies of task mode, {@code {"agent":"echo","priority":"critical","input":{"n":42}}}: one template per
 * priority taken in turn, and {@code n} counts the bodies made, from 0. {@code n} is right-aligned in a fixed width
 * of spaces (whitespace JSON allows), so every body of a template has the same length.
 */
final class TaskBodies implements RequestBodies {

    private static final int N_WIDTH = Long.toString(Long.MAX_VALUE).length();
    private static final String TAIL = "}}";

    private final byte[][] templates;
    private final AtomicLong next = new AtomicLong();

    TaskBodies(TaskSubmits tasks) {
        List<Priority> priorities = tasks.priorities();
        this.templates = new byte[priorities.size()][];
        String head = "{\"agent\":\"" + tasks.agent() + "\",\"priority\":\"";
        for (int t = 0; t < templates.length; t++) {
            templates[t] = (head + priorities.get(t).label() + "\",\"input\":{\"n\":" + " ".repeat(N_WIDTH) + TAIL)
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public int size() {
        return templates.length;
    }

    @Override
    public int length(int template) {
        return templates[template].length;
    }

    @Override
    public byte[] nextBody(int template, long epochMillis) {
        byte[] body = templates[template].clone();
        long rest = next.getAndIncrement();
        int end = body.length - TAIL.length();
        do {
            body[--end] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        return body;
    }
}
