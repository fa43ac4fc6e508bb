package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads samples out of the Prometheus text exposition format: {@code name{label="value",...} value [timestamp]} a
 * line, comments and blank lines skipped, label values with their escapes ({@code \\}, {@code \"}, {@code \n}).
 */
final class MetricsText {

    private MetricsText() {}

    /**
     * The sum of the samples of {@code metric} whose {@code label} is {@code value}, whatever their other labels;
     * empty when there is no such sample.
     */
    static OptionalDouble sum(String text, String metric, String label, String value) {
        List<Sample> matching = text.lines()
                .map(String::strip)
                .filter(line -> named(line, metric))
                .map(line -> sample(line, metric.length()))
                .filter(sample -> value.equals(sample.labels().get(label)))
                .toList();
        return matching.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(matching.stream().mapToDouble(Sample::value).sum());
    }

    private static boolean named(String line, String metric) {
        return line.length() > metric.length() && line.startsWith(metric)
                && (line.charAt(metric.length()) == '{' || Character.isWhitespace(line.charAt(metric.length())));
    }

    private static Sample sample(String line, int afterName) {
        Map<String, String> labels = new HashMap<>();
        int valueFrom = line.charAt(afterName) == '{' ? labels(line, afterName + 1, labels) : afterName;
        return new Sample(labels, number(line, valueFrom));
    }

    /** Reads {@code name="value",...}} from {@code from} into {@code labels}; returns the index after the brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int at = skipSeparators(line, from);
        while (at < line.length() && line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw malformed(line);
            }
            StringBuilder value = new StringBuilder();
            int end = quoted(line, equals + 2, value);
            labels.put(line.substring(at, equals).strip(), value.toString());
            at = skipSeparators(line, end);
        }
        if (at >= line.length()) {
            throw malformed(line);
        }
        return at + 1;
    }

    /** Reads a label value that starts at {@code from}, just after its quote; returns the index after its end quote. */
    private static int quoted(String line, int from, StringBuilder value) {
        int at = from;
        while (at < line.length() && line.charAt(at) != '"') {
            char c = line.charAt(at);
            if (c == '\\' && at + 1 < line.length()) {
                at++;
                value.append(line.charAt(at) == 'n' ? '\n' : line.charAt(at));
            } else {
                value.append(c);
            }
            at++;
        }
        if (at >= line.length()) {
            throw malformed(line);
        }
        return at + 1;
    }

    private static int skipSeparators(String line, int from) {
        int at = from;
        while (at < line.length() && (line.charAt(at) == ',' || Character.isWhitespace(line.charAt(at)))) {
            at++;
        }
        return at;
    }

    private static double number(String line, int from) {
        String value = line.substring(from).strip().split("\\s+")[0];
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw malformed(line);
        }
    }

    private static AegisException malformed(String line) {
        return new AegisException("malformed Prometheus sample: '" + line + "'");
    }

    private record Sample(Map<String, String> labels, double value) {}
}
