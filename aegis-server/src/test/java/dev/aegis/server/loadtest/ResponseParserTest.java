package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private static final String FIXED = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 32\r\n"
            + "\r\n{\"decision\":\"ALLOW\",\"score\":0.1}";
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1a;name=value\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n";
    private static final String CLOSE = "HTTP/1.1 503 Service Unavailable\r\nconnection: Close\r\ncontent-length: 2"
            + "\r\n\r\n{}";

    private final ResponseParser parser = new ResponseParser();

    @Test
    void readsTheStatusAndSkipsABodyByContentLength() throws ProtocolException {
        ByteBuffer in = bytes(FIXED + "HTTP/1.1");

        assertThat(parser.parse(in)).isTrue();

        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.keepAlive()).isTrue();
        assertThat(in.remaining()).as("stops just past the response").isEqualTo("HTTP/1.1".length());
    }

    @Test
    void readsAChunkedBodyToItsLastChunkAndTrailers() throws ProtocolException {
        ByteBuffer in = bytes(CHUNKED);

        assertThat(parser.parse(in)).isTrue();

        assertThat(parser.status()).isEqualTo(201);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void connectionCloseEndsKeepAliveWhateverTheCaseOfTheHeader() throws ProtocolException {
        assertThat(parser.parse(bytes(CLOSE))).isTrue();

        assertThat(parser.status()).isEqualTo(503);
        assertThat(parser.keepAlive()).isFalse();
    }

    @Test
    void http10IsNotKeptAliveUnlessItAsks() throws ProtocolException {
        assertThat(parser.parse(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))).isTrue();
        assertThat(parser.keepAlive()).isFalse();

        parser.reset();
        assertThat(parser.parse(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")))
                .isTrue();
        assertThat(parser.keepAlive()).isTrue();
    }

    @Test
    void everyResponseIsReadWhereverTheReadsSplitIt() throws ProtocolException {
        for (String response : new String[] {FIXED, CHUNKED, CLOSE}) {
            byte[] whole = response.getBytes(StandardCharsets.US_ASCII);
            for (int split = 0; split <= whole.length; split++) {
                ResponseParser fresh = new ResponseParser();
                boolean firstDone = fresh.parse(ByteBuffer.wrap(whole, 0, split));
                assertThat(firstDone).as("split at %d of %s", split, response).isEqualTo(split == whole.length);
                ByteBuffer rest = ByteBuffer.wrap(whole, split, whole.length - split);
                assertThat(firstDone || fresh.parse(rest)).as("split at %d", split).isTrue();
                assertThat(rest.hasRemaining()).isFalse();
            }
        }
    }

    @Test
    void aResponseFedOneByteAtATimeIsReadWhole() throws ProtocolException {
        byte[] whole = CHUNKED.getBytes(StandardCharsets.US_ASCII);
        int completions = 0;
        for (byte b : whole) {
            completions += parser.parse(ByteBuffer.wrap(new byte[] {b})) ? 1 : 0;
        }

        assertThat(completions).isEqualTo(1);
        assertThat(parser.status()).isEqualTo(201);
    }

    @Test
    void theParserIsReusedAcrossResponsesOnAKeptAliveConnection() throws ProtocolException {
        ByteBuffer in = bytes(FIXED + CHUNKED);

        assertThat(parser.parse(in)).isTrue();
        parser.reset();
        assertThat(parser.parse(in)).isTrue();

        assertThat(parser.status()).isEqualTo(201);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aBodyWithNeitherLengthNorChunksEndsWithTheConnection() throws ProtocolException {
        assertThat(parser.parse(bytes("HTTP/1.1 200 OK\r\n\r\npartial body"))).isFalse();

        assertThat(parser.endOfInput()).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.keepAlive()).isFalse();
    }

    @Test
    void noContentHasNoBodyAndInterimResponsesAreSkipped() throws ProtocolException {
        assertThat(parser.parse(bytes("HTTP/1.1 204 No Content\r\n\r\n"))).isTrue();
        assertThat(parser.status()).isEqualTo(204);

        parser.reset();
        assertThat(parser.parse(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")))
                .isTrue();
        assertThat(parser.status()).isEqualTo(200);
    }

    @Test
    void aConnectionEndingMidResponseDoesNotCompleteIt() throws ProtocolException {
        assertThat(parser.parse(bytes(FIXED.substring(0, FIXED.length() - 3)))).isFalse();

        assertThat(parser.endOfInput()).isFalse();
        assertThat(parser.idle()).isFalse();
    }

    @Test
    void malformedStatusLinesAreProtocolErrorsThatQuoteTheLine() {
        for (String line : new String[] {"HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000", "http/1.1 200 OK",
            "HTTP/1.1200 OK", "garbage", ""}) {
            ResponseParser fresh = new ResponseParser();
            assertThatThrownBy(() -> fresh.parse(bytes(line + "\r\n\r\n")))
                    .as(line)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("malformed status line: '" + line + "'");
        }
    }

    @Test
    void aStatusLineWithoutAReasonIsValid() throws ProtocolException {
        assertThat(parser.parse(bytes("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n"))).isTrue();

        assertThat(parser.status()).isEqualTo(404);
    }

    @Test
    void badFramingIsAProtocolError() {
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"
                + "Content-Length: 2\r\n\r\n"))).isInstanceOf(ProtocolException.class).hasMessageContaining("conflicting");
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n"
                + "\r\n"))).isInstanceOf(ProtocolException.class).hasMessageContaining("unsupported Transfer-Encoding");
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
                + "\r\n\r\nzz\r\n"))).isInstanceOf(ProtocolException.class).hasMessageContaining("chunk size");
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n2\r\nabc\r\n"))).isInstanceOf(ProtocolException.class).hasMessageContaining("CRLF");
        assertThatThrownBy(() -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed header line");
    }

    @Test
    void aLineLongerThanTheLimitIsAProtocolError() {
        String header = "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(ResponseParser.MAX_LINE) + "\r\n";

        assertThatThrownBy(() -> parser.parse(bytes(header)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than");
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
