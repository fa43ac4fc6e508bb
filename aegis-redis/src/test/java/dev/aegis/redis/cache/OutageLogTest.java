package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aegis.api.cache.CacheUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(TwoTierCache.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final OutageLog outage = new OutageLog("redis://127.0.0.1:6379/0");
    private final CacheUnavailableException failure =
            new CacheUnavailableException("GET failed", new IOException("Connection refused"));

    private Level configured;

    @BeforeEach
    void listen() {
        configured = logger.getLevel();
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(configured);
    }

    @Test
    void warnsOncePerOutageAndInformsOnceOnRecovery() {
        outage.failed(failure);
        outage.failed(failure);
        outage.failed(failure);
        outage.answered();
        outage.answered();

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(logged.list.getFirst().getFormattedMessage())
                .contains("redis://127.0.0.1:6379/0 does not answer", "GET failed");
    }

    @Test
    void warnsAgainForASecondOutage() {
        outage.failed(failure);
        outage.answered();
        outage.failed(failure);

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    }

    @Test
    void staysSilentWhileRedisAnswers() {
        outage.answered();

        assertThat(logged.list).isEmpty();
    }
}
