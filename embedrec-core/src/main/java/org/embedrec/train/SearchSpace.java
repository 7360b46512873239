package org.embedrec.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Values to try for some of a trainer's options, for grid or random search. Written as
 * {@code key=values} entries separated by {@code ;}, where values are
 * <ul>
 *   <li>a list {@code 16,32,64} (grid and random search; random search picks one uniformly),</li>
 *   <li>a range {@code 0.001..0.1} (random search only, uniform), or {@code 0.001..0.1:log}
 *       (log-uniform, for rates and regularization that span decades).</li>
 * </ul>
 * List values take their natural type ({@link OptionTable#scalar}); {@link #checkFor} checks the
 * keys, ranges and listed values against a model's option table before any trial runs.
 */
public final class SearchSpace {
    private final Map<String, Dimension> dimensions;

    private SearchSpace(Map<String, Dimension> dimensions) {
        this.dimensions = dimensions;
    }

    private interface Dimension {
        Object sample(SplittableRandom random);
    }

    private record Choices(List<Object> values) implements Dimension {
        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public String toString() {
            return String.join(",", values.stream().map(String::valueOf).toList());
        }
    }

    private record Range(double low, double high, boolean logarithmic) implements Dimension {
        @Override
        public Object sample(SplittableRandom random) {
            return logarithmic ? Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)))
                    : low + random.nextDouble() * (high - low);
        }

        @Override
        public String toString() {
            return low + ".." + high + (logarithmic ? ":log" : "");
        }
    }

    /**
     * Parses {@code key=values;key=values}.
     *
     * @throws IllegalArgumentException naming the entry that is malformed
     */
    public static SearchSpace parse(String text) {
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("bad search space entry '" + entry.strip()
                        + "': expected key=v1,v2,... or key=low..high[:log]");
            }
            String key = entry.substring(0, equals).strip();
            String values = entry.substring(equals + 1).strip();
            if (dimensions.put(key, dimension(entry.strip(), values)) != null) {
                throw new IllegalArgumentException("search space names '" + key + "' twice");
            }
        }
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("empty search space: give at least one key=values entry");
        }
        return new SearchSpace(dimensions);
    }

    private static Dimension dimension(String entry, String values) {
        if (values.contains("..")) {
            boolean log = values.endsWith(":log");
            String[] ends = (log ? values.substring(0, values.length() - 4) : values).split("\\.\\.", -1);
            try {
                double low = Double.parseDouble(ends[0].strip());
                double high = Double.parseDouble(ends[1].strip());
                if (ends.length != 2 || !(low < high) || log && low <= 0) {
                    throw new NumberFormatException();
                }
                return new Range(low, high, log);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("bad range in '" + entry + "': expected low..high with low < high"
                        + " (and low > 0 for :log)");
            }
        }
        List<Object> choices = new ArrayList<>();
        for (String value : values.split(",")) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("empty value in '" + entry + "'");
            }
            choices.add(OptionTable.scalar(value));
        }
        return new Choices(List.copyOf(choices));
    }

    /**
     * Checks this space against a configuration's options: every key is one of its options, ranges
     * are only on numeric options, and every listed value is valid on its own over {@code base}.
     *
     * @param model the configuration's name, for messages
     * @throws IllegalArgumentException naming the key or value, and listing the options for an unknown key
     */
    public <O> void checkFor(String model, OptionTable<O> table, O base) {
        dimensions.forEach((key, dimension) -> {
            var row = table.row(key).orElseThrow(() -> new IllegalArgumentException("search space names '" + key
                    + "', which is not an option of " + model + "; its options: " + String.join(", ", table.keys())));
            if (dimension instanceof Range && !row.type().numeric()) {
                throw new IllegalArgumentException("search space gives '" + key + "' a range, but " + model
                        + "'s option '" + key + "' is not a number; list its values instead");
            }
            if (dimension instanceof Choices choices) {
                choices.values().forEach(value -> table.with(base, Map.of(key, value)));
            }
        });
    }

    /** The options searched, in the order given. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(dimensions.keySet());
    }

    /** Whether every dimension is a list, so that {@link #grid()} is defined. */
    public boolean isGrid() {
        return dimensions.values().stream().allMatch(Choices.class::isInstance);
    }

    /**
     * Every combination of the listed values, the first key varying slowest.
     *
     * @throws IllegalArgumentException if a dimension is a range
     */
    public List<Map<String, Object>> grid() {
        if (!isGrid()) {
            throw new IllegalArgumentException("grid search needs value lists, not ranges: " + this);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, Dimension> dimension : dimensions.entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : ((Choices) dimension.getValue()).values()) {
                    Map<String, Object> next = new LinkedHashMap<>(point);
                    next.put(dimension.getKey(), value);
                    extended.add(next);
                }
            }
            points = extended;
        }
        return points;
    }

    /** One random point: a uniform pick from each list, a (log-)uniform draw from each range. */
    public Map<String, Object> sample(SplittableRandom random) {
        Map<String, Object> point = new LinkedHashMap<>();
        dimensions.forEach((key, dimension) -> point.put(key, dimension.sample(random)));
        return point;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        dimensions.forEach((key, dimension) -> text.append(text.length() == 0 ? "" : ";").append(key).append('=')
                .append(dimension));
        return text.toString();
    }
}
