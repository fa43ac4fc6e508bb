package dev.aegis.core.audit.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines at {@code '\n'}, reading no more than a limit of bytes. The current line lies in
 * {@link #bytes()} from {@link #offset()} for {@link #length()} bytes until the next call of {@link #next()}.
 */
final class LineReader implements Closeable {

    private final InputStream in;
    private long remaining;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean exhausted;
    private int lineOffset;
    private int lineLength;
    private boolean terminated;
    private long number;

    LineReader(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    /** Moves to the next line; false at the end. The last line may lack its {@code '\n'}: see {@link #terminated()}. */
    boolean next() throws IOException {
        int scanned = 0;
        while (true) {
            int newline = indexOfNewline(start + scanned);
            if (newline >= 0) {
                return take(newline - start, true, newline + 1);
            }
            if (exhausted) {
                return start < end && take(end - start, false, end);
            }
            scanned = end - start;
            fill();
        }
    }

    byte[] bytes() {
        return buffer;
    }

    int offset() {
        return lineOffset;
    }

    int length() {
        return lineLength;
    }

    /** Whether the current line ended with {@code '\n'}. */
    boolean terminated() {
        return terminated;
    }

    /** The current line's number, from 1. */
    long number() {
        return number;
    }

    /** Reads to the end and answers how many lines there were. */
    long count() throws IOException {
        long lines = number;
        while (next()) {
            lines++;
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean take(int length, boolean withNewline, int nextStart) {
        lineOffset = start;
        lineLength = length;
        terminated = withNewline;
        start = nextStart;
        number++;
        return true;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int wanted = (int) Math.min(buffer.length - end, remaining);
        int read = wanted == 0 ? -1 : in.read(buffer, end, wanted);
        if (read < 0) {
            exhausted = true;
        } else {
            end += read;
            remaining -= read;
        }
    }
}
