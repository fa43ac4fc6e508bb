package dev.aegis.core.audit.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads a segment line back: checks that it ends with a hash member, recomputes that hash, and takes out the
 * members the chain needs. One instance per thread; it reuses its digest.
 */
final class LineParser {

    private static final byte[] HASH_MEMBER = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SUFFIX = HASH_MEMBER.length + LineHash.HEX_LENGTH + 2;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String UNREADABLE = "unreadable record";

    private final LineHash hash = new LineHash();

    Line parse(byte[] bytes, int offset, int length) {
        int hashMember = offset + length - SUFFIX;
        if (length <= SUFFIX || !framed(bytes, hashMember)) {
            return new Line.Unreadable(UNREADABLE);
        }
        String stored = new String(bytes, hashMember + HASH_MEMBER.length, LineHash.HEX_LENGTH,
                StandardCharsets.ISO_8859_1);
        boolean intact = hash.of(bytes, offset, hashMember - offset).equals(stored);
        try {
            return members(bytes, offset, length).line(stored, intact);
        } catch (IOException | RuntimeException unreadable) {
            return new Line.Unreadable(intact ? UNREADABLE : "hash mismatch");
        }
    }

    private static boolean framed(byte[] bytes, int hashMember) {
        for (int i = 0; i < HASH_MEMBER.length; i++) {
            if (bytes[hashMember + i] != HASH_MEMBER[i]) {
                return false;
            }
        }
        int hex = hashMember + HASH_MEMBER.length;
        for (int i = hex; i < hex + LineHash.HEX_LENGTH; i++) {
            if (!(bytes[i] >= '0' && bytes[i] <= '9' || bytes[i] >= 'a' && bytes[i] <= 'f')) {
                return false;
            }
        }
        return bytes[hex + LineHash.HEX_LENGTH] == '"' && bytes[hex + LineHash.HEX_LENGTH + 1] == '}';
    }

    private static Members members(byte[] bytes, int offset, int length) throws IOException {
        Members members = new Members();
        try (JsonParser json = JSON.createParser(bytes, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                members.read(name, json);
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new IOException("not one object");
            }
        }
        return members;
    }

    /** The members of one line, gathered in whatever order they came. */
    private static final class Members {

        private boolean seal;
        private Long sequence;
        private Long records;
        private String time;
        private String previousHash;
        private String last;

        void read(String name, JsonParser json) throws IOException {
            switch (name) {
                case "seal" -> seal = json.getBooleanValue();
                case "seq" -> sequence = json.getLongValue();
                case "records" -> records = json.getLongValue();
                case "time" -> time = json.getValueAsString();
                case "prev" -> previousHash = json.getValueAsString();
                case "last" -> last = json.getValueAsString();
                default -> json.skipChildren();
            }
        }

        Line line(String hash, boolean intact) {
            if (sequence == null || previousHash == null) {
                throw new IllegalArgumentException("no seq or prev");
            }
            if (seal) {
                if (records == null || last == null) {
                    throw new IllegalArgumentException("a seal without records or last");
                }
                return new Line.Seal(sequence, records, last, previousHash, intact);
            }
            return new Line.Entry(sequence, Instant.parse(time), previousHash, hash, intact);
        }
    }
}
