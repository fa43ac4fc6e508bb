package dev.aegis.server.loadtest;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response at a time, incrementally, from whatever bytes have arrived: the status code from the
 * status line, the headers up to the empty line, then the body (discarded) by {@code Content-Length}, by
 * {@code Transfer-Encoding: chunked}, or up to the end of the connection when it has neither. It keeps no more than
 * one line, so a response may be split across reads at any byte. Anything it cannot read is a
 * {@link ProtocolException} saying what was wrong; the connection is then unusable.
 */
final class ResponseParser {

    static final int MAX_LINE = 8_192;
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;
    private static final byte[] VERSION_PREFIX = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);

    private enum State { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state = State.STATUS_LINE;
    private int status;
    private boolean keepAlive;
    private long contentLength;
    private boolean chunked;
    private long remaining;

    /** Reads from {@code in} up to the end of the response; true once it is complete, {@code in} then just past it. */
    boolean parse(ByteBuffer in) throws ProtocolException {
        while (state != State.DONE && in.hasRemaining()) {
            switch (state) {
                case BODY, CHUNK_DATA -> skip(in);
                case UNTIL_CLOSE -> in.position(in.limit());
                default -> {
                    if (readLine(in)) {
                        onLine();
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /** The connection ended: true when that completes the response (a body delimited by the end of the connection). */
    boolean endOfInput() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return true;
        }
        return state == State.DONE;
    }

    /** Whether nothing of a response has been read since the last {@link #reset}. */
    boolean idle() {
        return state == State.STATUS_LINE && lineLength == 0;
    }

    int status() {
        return status;
    }

    /** Whether the connection may carry another request: HTTP/1.1 without {@code Connection: close}. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Readies the parser for the next response on the connection, or on a new one. */
    void reset() {
        state = State.STATUS_LINE;
        lineLength = 0;
        status = 0;
    }

    private void skip(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.position(in.position() + n);
        remaining -= n;
        if (remaining == 0) {
            state = state == State.BODY ? State.DONE : State.CHUNK_END;
        }
    }

    /** Appends to the current line; true once it is whole (its CRLF, or a bare LF, dropped). */
    private boolean readLine(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == MAX_LINE) {
                throw new ProtocolException("response line longer than " + MAX_LINE + " bytes in state " + state
                        + ": '" + text(0, 80) + "...'");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() throws ProtocolException {
        switch (state) {
            case STATUS_LINE -> statusLine();
            case HEADERS -> {
                if (lineLength == 0) {
                    endOfHead();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                if (lineLength != 0) {
                    throw new ProtocolException("chunk data not followed by CRLF: '" + text(0, lineLength) + "'");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> state = lineLength == 0 ? State.DONE : State.TRAILERS;
            default -> throw new IllegalStateException("no line expected in state " + state);
        }
        lineLength = 0;
    }

    /** {@code HTTP/1.x SSS reason}: the reason may be empty, even absent. */
    private void statusLine() throws ProtocolException {
        int p = VERSION_PREFIX.length;
        boolean valid = lineLength >= p + 5 && startsWith(VERSION_PREFIX)
                && (line[p] == '0' || line[p] == '1') && line[p + 1] == ' '
                && digit(p + 2) && digit(p + 3) && digit(p + 4) && (lineLength == p + 5 || line[p + 5] == ' ');
        if (!valid) {
            throw new ProtocolException("malformed status line: '" + text(0, Math.min(lineLength, 80)) + "'");
        }
        status = (line[p + 2] - '0') * 100 + (line[p + 3] - '0') * 10 + (line[p + 4] - '0');
        keepAlive = line[p] == '1';
        contentLength = -1;
        chunked = false;
        state = State.HEADERS;
    }

    private void header() throws ProtocolException {
        if (line[0] == ' ' || line[0] == '\t') {
            return;
        }
        int colon = indexOf(':');
        if (colon <= 0) {
            throw new ProtocolException("malformed header line: '" + text(0, Math.min(lineLength, 80)) + "'");
        }
        if (nameIs(CONTENT_LENGTH, colon)) {
            contentLength = contentLength(colon + 1);
        } else if (nameIs(TRANSFER_ENCODING, colon)) {
            transferEncoding(value(colon));
        } else if (nameIs(CONNECTION, colon)) {
            String value = value(colon);
            if (value.contains("close")) {
                keepAlive = false;
            } else if (value.contains("keep-alive")) {
                keepAlive = true;
            }
        }
    }

    private void transferEncoding(String value) throws ProtocolException {
        if (!value.endsWith("chunked")) {
            throw new ProtocolException("unsupported Transfer-Encoding '" + value + "': only chunked is read");
        }
        chunked = true;
    }

    private long contentLength(int from) throws ProtocolException {
        int start = skipSpaces(from);
        int end = trimEnd(lineLength);
        long length = 0;
        for (int i = start; i < end; i++) {
            if (!digit(i) || i - start >= 18) {
                throw new ProtocolException("malformed Content-Length: '" + text(from, lineLength - from).strip()
                        + "'");
            }
            length = length * 10 + (line[i] - '0');
        }
        if (end <= start || (contentLength >= 0 && contentLength != length)) {
            throw new ProtocolException("malformed or conflicting Content-Length: '"
                    + text(from, lineLength - from).strip() + "'");
        }
        return length;
    }

    private void endOfHead() {
        if (status >= 100 && status < 200) {
            state = State.STATUS_LINE;
        } else if (status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY;
        } else {
            keepAlive = false;
            state = State.UNTIL_CLOSE;
        }
    }

    /** A hexadecimal size, maybe followed by {@code ;extensions}. */
    private void chunkSize() throws ProtocolException {
        int end = indexOf(';');
        int start = skipSpaces(0);
        end = trimEnd(end < 0 ? lineLength : end);
        long size = 0;
        for (int i = start; i < end; i++) {
            int value = Character.digit(line[i], 16);
            if (value < 0 || i - start >= MAX_CHUNK_SIZE_DIGITS) {
                throw new ProtocolException("malformed chunk size line: '" + text(0, Math.min(lineLength, 80)) + "'");
            }
            size = size * 16 + value;
        }
        if (end <= start) {
            throw new ProtocolException("malformed chunk size line: '" + text(0, Math.min(lineLength, 80)) + "'");
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private boolean startsWith(byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header name (before the colon, no spaces allowed) is {@code lowerCaseName}, ignoring case. */
    private boolean nameIs(byte[] lowerCaseName, int colon) {
        if (colon != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if ((line[i] | 0x20) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private String value(int colon) {
        return text(colon + 1, lineLength - colon - 1).strip().toLowerCase(Locale.ROOT);
    }

    private int indexOf(char c) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    private int trimEnd(int end) {
        int i = end;
        while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
            i--;
        }
        return i;
    }

    private boolean digit(int i) {
        return line[i] >= '0' && line[i] <= '9';
    }

    private String text(int from, int length) {
        return new String(line, from, Math.max(0, length), StandardCharsets.ISO_8859_1);
    }
}
