package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_767_225_600_000L;

    @Test
    void bodiesAreLoginEventsWithEveryFieldTheAgentsRead() throws IOException {
        EventPool pool = EventPool.generate(64, 1_000, 7);

        JsonNode body = JSON.readTree(pool.nextBody(5, NOW));

        assertThat(body.path("subject").asText()).matches("user-\\d{3}");
        JsonNode event = body.path("event");
        assertThat(event.path("ip").isTextual()).isTrue();
        assertThat(event.path("device_id").asText()).startsWith("dev-");
        assertThat(event.path("lat").asDouble()).isBetween(-90.0, 90.0);
        assertThat(event.path("lon").asDouble()).isBetween(-180.0, 180.0);
        assertThat(event.path("timestamp").asLong()).isEqualTo(NOW);
        assertThat(event.path("failed_attempts").isInt()).isTrue();
        assertThat(event.path("account_age_days").asLong()).isBetween(1L, 3650L);
        assertThat(event.path("night_login").isBoolean()).isTrue();
        assertThat(event.path("anonymous_proxy").isBoolean()).isTrue();
        assertThat(event.path("password_reset_recent").isBoolean()).isTrue();
    }

    @Test
    void theSameSeedMakesTheSameTraffic() {
        EventPool first = EventPool.generate(256, 10_000, 11);
        EventPool second = EventPool.generate(256, 10_000, 11);
        EventPool other = EventPool.generate(256, 10_000, 12);

        for (int template = 0; template < 256; template++) {
            assertThat(first.nextBody(template, NOW)).isEqualTo(second.nextBody(template, NOW));
        }
        assertThat(other.nextBody(0, NOW)).isNotEqualTo(first.nextBody(0, NOW));
    }

    @Test
    void everySubjectIsUsedAndKeepsItsProfileAndItsOwnAddress() throws IOException {
        int subjects = 300;
        EventPool pool = EventPool.generate(128, subjects, 3);
        Map<String, Set<String>> profiles = new HashMap<>();

        for (int round = 0; round < 10; round++) {
            for (int template = 0; template < pool.size(); template++) {
                JsonNode body = JSON.readTree(pool.nextBody(template, NOW));
                JsonNode event = body.path("event");
                profiles.computeIfAbsent(body.path("subject").asText(), s -> new HashSet<>())
                        .add(event.path("account_age_days").asLong() + " " + event.path("ip").asText());
            }
        }

        assertThat(profiles).hasSize(subjects);
        assertThat(profiles.values()).allSatisfy(seen -> assertThat(seen).hasSize(1));
        long addresses = profiles.values().stream().map(seen -> seen.iterator().next().split(" ")[1]).distinct()
                .count();
        assertThat(addresses).as("subjects sharing a profile still get their own address").isGreaterThan(250);
    }

    @Test
    void addressesAreValidAndStayInTheirBlock() throws IOException {
        EventPool pool = EventPool.generate(EventPool.DEFAULT_TEMPLATES, 1_000_000, 9);
        Pattern ipv4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

        for (int template = 0; template < pool.size(); template++) {
            String ip = JSON.readTree(pool.nextBody(template, NOW)).path("event").path("ip").asText();
            if (ip.startsWith("2001:db8::")) {
                assertThat(ip).matches("2001:db8::[1-9a-f][0-9a-f]{3}");
            } else {
                Matcher octets = ipv4.matcher(ip);
                assertThat(octets.matches()).as(ip).isTrue();
                for (int i = 1; i <= 4; i++) {
                    assertThat(Integer.parseInt(octets.group(i))).as(ip).isBetween(0, 255);
                }
            }
        }
    }

    @Test
    void theTrafficMixesHomeLoginsWithRiskyOnes() throws IOException {
        EventPool pool = EventPool.generate(EventPool.DEFAULT_TEMPLATES, 100_000, 42);
        List<JsonNode> events = new ArrayList<>();
        for (int template = 0; template < pool.size(); template++) {
            events.add(JSON.readTree(pool.nextBody(template, NOW)).path("event"));
        }

        long denied = events.stream().map(e -> e.path("ip").asText())
                .filter(ip -> ip.startsWith("192.0.2.") || ip.startsWith("198.51.100.") || ip.startsWith("2001:db8::"))
                .count();
        long proxies = events.stream().filter(e -> e.path("anonymous_proxy").asBoolean()).count();
        long failing = events.stream().filter(e -> e.path("failed_attempts").asInt() >= 3).count();
        long cities = events.stream().map(e -> e.path("lat").asDouble() + "," + e.path("lon").asDouble()).distinct()
                .count();
        assertThat(denied).isBetween(pool.size() / 100L, pool.size() / 10L);
        assertThat(proxies).isBetween(pool.size() / 100L, pool.size() / 10L);
        assertThat(failing).isPositive();
        assertThat(cities).isEqualTo(20);
    }

    @Test
    void bodiesOfOneTemplateKeepOneLengthWhateverTheSubject() {
        EventPool pool = EventPool.generate(8, 1_000_000, 5);

        for (int use = 0; use < 50; use++) {
            assertThat(pool.nextBody(3, NOW + use)).hasSize(pool.length(3));
        }
    }
}
