package dev.aegis.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as configuration writes them: ISO-8601 ({@code PT0.05S}) or a number and a unit ({@code 250us},
 * {@code 50ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 7d}).
 */
public final class DurationFormat {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h|d)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);

    private DurationFormat() {}

    /** @throws ConfigException when the text is neither form */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P") || trimmed.startsWith("-P")) {
            return parseIso(trimmed);
        }
        Matcher matcher = SHORT.matcher(trimmed);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        BigDecimal perUnit = BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)));
        BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(perUnit);
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new ConfigException("duration '" + text + "' is too long");
        }
    }

    private static Duration parseIso(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static ConfigException invalid(String text) {
        return new ConfigException("invalid duration '" + text
                + "': write a number and a unit (ns, us, ms, s, m, h, d) such as 50ms, or ISO-8601 such as PT0.05S");
    }
}
