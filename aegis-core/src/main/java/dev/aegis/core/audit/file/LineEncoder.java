package dev.aegis.core.audit.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.audit.AuditEvent;
import java.io.IOException;

/**
 * Writes record and seal lines into a {@link LineBuffer}: one JSON object per line, members in a fixed order, the
 * hash member last and computed over the bytes before it.
 */
final class LineEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineBuffer buffer = new LineBuffer();
    private final LineHash hash = new LineHash();
    private final JsonGenerator json;

    LineEncoder() throws IOException {
        json = JSON.createGenerator(buffer);
        json.setRootValueSeparator(null);
    }

    LineBuffer buffer() {
        return buffer;
    }

    /** Encodes a record line and returns its hash. */
    String record(long sequence, AuditEvent event, String previousHash) throws IOException {
        int start = buffer.size();
        json.writeStartObject();
        json.writeNumberField("seq", sequence);
        json.writeStringField("time", event.time().toString());
        json.writeStringField("tenant", event.tenant());
        json.writeStringField("actor", event.actor());
        json.writeStringField("request", event.requestId().orElse(null));
        json.writeStringField("action", event.action());
        json.writeStringField("resource", event.resource());
        json.writeFieldName("details");
        json.writeTree(event.details());
        json.writeStringField("prev", previousHash);
        return finish(start);
    }

    /** Encodes the seal that closes a segment whose last record is {@code last}. */
    void seal(ChainPoint last, long records) throws IOException {
        int start = buffer.size();
        json.writeStartObject();
        json.writeBooleanField("seal", true);
        json.writeNumberField("seq", last.sequence());
        json.writeNumberField("records", records);
        json.writeStringField("last", last.hash());
        json.writeStringField("prev", last.hash());
        finish(start);
    }

    private String finish(int start) throws IOException {
        json.flush();
        String digest = hash.of(buffer.array(), start, buffer.size() - start);
        json.writeStringField("hash", digest);
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        return digest;
    }
}
