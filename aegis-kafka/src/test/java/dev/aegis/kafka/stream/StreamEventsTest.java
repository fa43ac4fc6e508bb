package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamEventsTest {

    @Test
    void anEventIsTheEvaluateBodyWithAnIdAndAPipeline() {
        Decoded decoded = EventDecoder.decode("alice", bytes("""
                {"id": "e-1", "pipeline": "login-risk", "subject": "alice", "event": {"ip": "203.0.113.7"}}"""));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.StreamEvent.class, event -> {
            assertThat(event.id()).isEqualTo("e-1");
            assertThat(event.pipeline()).isEqualTo("login-risk");
            assertThat(event.subject()).isEqualTo("alice");
            assertThat(event.event().get("ip").asText()).isEqualTo("203.0.113.7");
            assertThat(event.request("acme", "aegis/stream").requestId()).isEqualTo("e-1");
            assertThat(event.request("acme", "aegis/stream").tenant()).isEqualTo("acme");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice | not json                                                              | the value is not JSON",
        "alice | [1, 2]                                                                | must be a JSON object, was array",
        "alice | {\"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}}           | id is required",
        "alice | {\"id\": \" \", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}} | id must be 1 to 200 characters",
        "alice | {\"id\": 7, \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}}  | id must be a string, was number",
        "alice | {\"id\": \"e\", \"subject\": \"alice\", \"event\": {}}                 | pipeline is required",
        "alice | {\"id\": \"e\", \"pipeline\": \"p\", \"event\": {}}                     | subject is required",
        "alice | {\"id\": \"e\", \"pipeline\": \"p\", \"subject\": \"alice\"}            | event is required",
        "alice | {\"id\": \"e\", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": 1} | event must be an object, was number",
        "alice | {\"id\": \"e\", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}, \"tenant\": \"x\"} | unknown field 'tenant'",
        "alice | {\"id\": \"e\", \"id\": \"f\", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}} | the value is not JSON",
        "alice | {\"id\": \"e\", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}} {} | the value is not JSON",
        "bob   | {\"id\": \"e\", \"pipeline\": \"p\", \"subject\": \"alice\", \"event\": {}} | key must be the subject 'alice', was 'bob'",
    })
    void anythingElseIsAnInvalidEventThatSaysWhy(String key, String value, String why) {
        assertThat(EventDecoder.decode(key, bytes(value))).isInstanceOfSatisfying(Decoded.Rejection.class,
                rejection -> {
                    assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_EVENT);
                    assertThat(rejection.detail()).contains(why);
                });
    }

    @Test
    void aRecordWithoutKeyOrValueIsInvalid() {
        String event = """
                {"id": "e", "pipeline": "p", "subject": "alice", "event": {}}""";

        assertThat(EventDecoder.decode(null, bytes(event))).isInstanceOfSatisfying(Decoded.Rejection.class,
                rejection -> assertThat(rejection.detail()).endsWith("was none"));
        assertThat(EventDecoder.decode("alice", null)).isInstanceOfSatisfying(Decoded.Rejection.class,
                rejection -> assertThat(rejection.detail()).contains("empty"));
    }

    @Test
    void aSubjectOrIdPastItsLimitIsInvalid() {
        String subject = "s".repeat(EventDecoder.MAX_SUBJECT_LENGTH + 1);
        String id = "i".repeat(EventDecoder.MAX_ID_LENGTH + 1);

        assertThat(EventDecoder.decode(subject, bytes("""
                {"id": "e", "pipeline": "p", "subject": "%s", "event": {}}""".formatted(subject))))
                .isInstanceOf(Decoded.Rejection.class);
        assertThat(EventDecoder.decode("alice", bytes("""
                {"id": "%s", "pipeline": "p", "subject": "alice", "event": {}}""".formatted(id))))
                .isInstanceOf(Decoded.Rejection.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
