package org.embedrec.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), parsed strictly enough for tests: a
 * line that is neither a comment nor {@code name{label="value",...} number} fails the parse.
 */
final class PrometheusText {
    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new AssertionError("line " + lineNumber + " is not a Prometheus sample: " + line, e);
            }
        }
        return new PrometheusText(samples);
    }

    private static Sample parseLine(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
            at++;
        }
        String name = line.substring(0, at);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String label = line.substring(at, equals);
                if (line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("label " + label + " is not quoted");
                }
                StringBuilder value = new StringBuilder();
                at = equals + 2;
                for (char c = line.charAt(at); c != '"'; c = line.charAt(++at)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++at);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                at++;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).strip().split(" ");
        return new Sample(name, labels, Double.parseDouble(rest[0].replace("+Inf", "Infinity")));
    }

    /** Every sample named {@code name}. */
    List<Sample> all(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /**
     * The value of the one sample named {@code name} whose labels include {@code labels} (name, value
     * pairs).
     *
     * @throws AssertionError unless exactly one sample matches
     */
    double value(String name, String... labels) {
        List<Sample> matching = all(name).stream().filter(sample -> {
            for (int k = 0; k < labels.length; k += 2) {
                if (!labels[k + 1].equals(sample.labels().get(labels[k]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples match " + name + " " + List.of(labels) + ": " + matching);
        }
        return matching.get(0).value();
    }
}
