package dev.aegis.kafka;

/** Kafka did not answer in time, or refused: the caller may try again later, and nothing was lost. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
