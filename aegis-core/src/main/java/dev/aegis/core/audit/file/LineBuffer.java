package dev.aegis.core.audit.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** The bytes of the lines an append has encoded and not yet written: one array, reused from append to append. */
final class LineBuffer extends OutputStream {

    private byte[] bytes = new byte[64 * 1024];
    private int size;

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Writes every buffered byte to the channel and empties the buffer. */
    void drainTo(FileChannel channel) throws IOException {
        ByteBuffer pending = ByteBuffer.wrap(bytes, 0, size);
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        size = 0;
    }

    private void ensureRoom(int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
    }
}
