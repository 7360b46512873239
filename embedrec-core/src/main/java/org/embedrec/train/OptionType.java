package org.embedrec.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * How one option's value is read from a loose value (a JSON or YAML number, boolean, list or text, or
 * the text of a {@code --set} pair) and written back as a JSON value for config and model files.
 * Reading never guesses: a value of the wrong type is an {@link IllegalArgumentException} saying
 * what was expected, which {@link OptionTable} prefixes with the option's name.
 *
 * @param <V> the option's Java type
 */
public interface OptionType<V> {
    /**
     * The value {@code raw} denotes.
     *
     * @throws IllegalArgumentException saying what was expected, e.g. "must be an integer, got 'x'"
     */
    V read(Object raw);

    /** {@code value} as a JSON value that {@link #read} turns back into an equal value. */
    Object write(V value);

    /** Whether a search space may draw this option from a numeric range ({@code 0.001..0.1}). */
    default boolean numeric() {
        return false;
    }

    /**
     * A whole number that fits an {@code int}. Types check only the form of a value; its range is
     * checked once, by the options record's constructor, which Java callers reach too.
     */
    OptionType<Integer> INTEGER = new OptionType<>() {
        @Override
        public Integer read(Object raw) {
            long value = wholeNumber(raw);
            if (value != (int) value) {
                throw expected("an integer", raw);
            }
            return (int) value;
        }

        @Override
        public Object write(Integer value) {
            return value;
        }

        @Override
        public boolean numeric() {
            return true;
        }
    };

    /** Any whole number that fits a {@code long} (seeds). */
    OptionType<Long> LONG = new OptionType<>() {
        @Override
        public Long read(Object raw) {
            return wholeNumber(raw);
        }

        @Override
        public Object write(Long value) {
            return value;
        }
    };

    /** A finite real number. */
    OptionType<Double> NUMBER = new OptionType<>() {
        @Override
        public Double read(Object raw) {
            return realNumber(raw);
        }

        @Override
        public Object write(Double value) {
            return value;
        }

        @Override
        public boolean numeric() {
            return true;
        }
    };

    /** A finite real number, or {@code "data"} (written back as such) for NaN: "take it from the training data". */
    OptionType<Double> NUMBER_OR_DATA = new OptionType<>() {
        @Override
        public Double read(Object raw) {
            return "data".equals(raw.toString().strip()) ? Double.NaN : realNumber(raw);
        }

        @Override
        public Object write(Double value) {
            return Double.isNaN(value) ? "data" : value;
        }
    };

    /** {@code true}/{@code false} (also yes/no, on/off as text). */
    OptionType<Boolean> FLAG = new OptionType<>() {
        @Override
        public Boolean read(Object raw) {
            if (raw instanceof Boolean bool) {
                return bool;
            }
            return switch (raw.toString().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw expected("true or false", raw);
            };
        }

        @Override
        public Object write(Boolean value) {
            return value;
        }
    };

    /** One constant of {@code type}, by name in any case, {@code -} standing for {@code _}. */
    static <E extends Enum<E>> OptionType<E> choice(Class<E> type) {
        return new OptionType<>() {
            @Override
            public E read(Object raw) {
                return constant(type, raw);
            }

            @Override
            public Object write(E value) {
                return value.name();
            }
        };
    }

    /** A set of constants of {@code type}: a list, or comma-separated text; empty allowed. */
    static <E extends Enum<E>> OptionType<Set<E>> choices(Class<E> type) {
        return new OptionType<>() {
            @Override
            public Set<E> read(Object raw) {
                EnumSet<E> set = EnumSet.noneOf(type);
                elements(raw).forEach(element -> set.add(constant(type, element)));
                return Set.copyOf(set);
            }

            @Override
            public Object write(Set<E> value) {
                return value.stream().sorted().map(Enum::name).toList();
            }
        };
    }

    /** A list of whole numbers: a list, comma-separated text or one number; empty allowed. */
    OptionType<List<Integer>> INTEGERS = new OptionType<>() {
        @Override
        public List<Integer> read(Object raw) {
            try {
                return elements(raw).stream().map(INTEGER::read).toList();
            } catch (IllegalArgumentException e) {
                throw expected("a list of integers", raw);
            }
        }

        @Override
        public Object write(List<Integer> value) {
            return value;
        }
    };

    /**
     * A value written as text and parsed by {@code parser} (whose error messages are kept), written back
     * with {@code toString}: learning-rate schedules, positive thresholds.
     */
    static <V> OptionType<V> text(Function<String, V> parser) {
        return new OptionType<>() {
            @Override
            public V read(Object raw) {
                return parser.apply(raw.toString());
            }

            @Override
            public Object write(V value) {
                return value.toString();
            }

            @Override
            public boolean numeric() {
                return true; // a schedule or threshold may be written as a plain number
            }
        };
    }

    private static long wholeNumber(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number number) {
            double real = number.doubleValue();
            if (real == Math.rint(real) && Math.abs(real) < 0x1p53) {
                return (long) real;
            }
            throw expected("an integer", raw);
        }
        try {
            return Long.parseLong(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw expected("an integer", raw);
        }
    }

    private static double realNumber(Object raw) {
        double value;
        if (raw instanceof Number number) {
            value = number.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().strip());
            } catch (NumberFormatException e) {
                throw expected("a number", raw);
            }
        }
        if (!Double.isFinite(value)) {
            throw expected("a finite number", raw);
        }
        return value;
    }

    private static List<?> elements(Object raw) {
        if (raw instanceof Collection<?> collection) {
            return List.copyOf(collection);
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.toString().split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Object raw) {
        String name = raw.toString().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw expected("one of " + String.join(", ", names), raw);
    }

    private static IllegalArgumentException expected(String what, Object raw) {
        return new IllegalArgumentException("must be " + what + ", got '" + raw + "'");
    }
}
