package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code http}: a remote agent (a model server, an LLM behind a small service) called with a JSON POST.
 * Settings: {@code url} (required, http or https), {@code connect_timeout} (1s), {@code read_timeout} (5s),
 * {@code headers} (names to values, e.g. an {@code Authorization} header).
 */
public final class HttpAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "url", "connect_timeout", "read_timeout", "headers");
        URI url = url(settings);
        Duration connectTimeout = settings.positiveDuration("connect_timeout", Duration.ofSeconds(1));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpAgent(definition.name(), client, url, headers(settings, url),
                settings.positiveDuration("read_timeout", Duration.ofSeconds(5)));
    }

    private static URI url(Settings settings) {
        String text = settings.requiredText("url");
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (!web || url.getHost() == null) {
                throw settings.fail("url", "must be an absolute http or https URL with a host, was '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw settings.fail("url", "is not a URL: " + e.getMessage(), e);
        }
    }

    /** The request headers as name, value pairs: JSON in and out, then the configured ones, checked now. */
    private static String[] headers(Settings settings, URI url) {
        List<String> pairs = new ArrayList<>(List.of("Content-Type", "application/json", "Accept", "application/json"));
        for (Map.Entry<String, String> header : settings.textMap("headers").entrySet()) {
            pairs.add(header.getKey());
            pairs.add(header.getValue());
            try {
                HttpRequest.newBuilder(url).header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw settings.fail("headers", "cannot set '" + header.getKey() + "': " + e.getMessage(), e);
            }
        }
        return pairs.toArray(String[]::new);
    }
}
