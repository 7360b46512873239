package org.embedrec.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reading of a trainer's options from a loose map: a parsed JSON or YAML config file, or
 * {@code key=value} pairs from a command line. Values may be JSON numbers and booleans or their text;
 * a value of the wrong type, and any key nobody read, is an error naming the key and the value, so
 * a typo in a config file never silently falls back to a default.
 *
 * <p>Typical use in an {@code Options.fromMap}: read every known key with the typed getters, pass
 * what is present to the builder, then call {@link #rejectUnread()}.
 */
public final class OptionValues {
    private final String owner;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * @param owner what the options configure, for messages, e.g. {@code "matrix-factorization"}
     * @param values the options by key
     */
    public OptionValues(String owner, Map<String, ?> values) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.values = new LinkedHashMap<>(Objects.requireNonNull(values, "values"));
    }

    /**
     * The natural type of a value typed on a command line: an integer, a real number, true/false, or
     * else the text itself. Used so that {@code --set dimensions=128} is stored as the number 128.
     */
    public static Object scalar(String text) {
        String value = text.strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notInteger) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException notNumber) {
                return switch (value) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> value;
                };
            }
        }
    }

    /** {@link #scalar} of every value. */
    public static Map<String, Object> scalars(Map<String, String> texts) {
        Map<String, Object> typed = new LinkedHashMap<>();
        texts.forEach((key, value) -> typed.put(key, scalar(value)));
        return typed;
    }

    /** An integer option. */
    public Optional<Integer> integer(String key) {
        return value(key).map(value -> {
            long parsed = longOf(key, value);
            if (parsed != (int) parsed) {
                throw bad(key, value, "an integer");
            }
            return (int) parsed;
        });
    }

    /** A long integer option (seeds). */
    public Optional<Long> longInteger(String key) {
        return value(key).map(value -> longOf(key, value));
    }

    /** A finite real-number option. */
    public Optional<Double> number(String key) {
        return value(key).map(value -> {
            double parsed;
            if (value instanceof Number number) {
                parsed = number.doubleValue();
            } else {
                try {
                    parsed = Double.parseDouble(value.toString().strip());
                } catch (NumberFormatException e) {
                    throw bad(key, value, "a number");
                }
            }
            if (!Double.isFinite(parsed)) {
                throw bad(key, value, "a finite number");
            }
            return parsed;
        });
    }

    /** A true/false option. */
    public Optional<Boolean> flag(String key) {
        return value(key).map(value -> {
            if (value instanceof Boolean bool) {
                return bool;
            }
            return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw bad(key, value, "true or false");
            };
        });
    }

    /** A text option. */
    public Optional<String> text(String key) {
        return value(key).map(Object::toString);
    }

    /**
     * A text option turned into a value by {@code parser}; the parser's error is reported with the
     * key, e.g. for learning-rate schedules.
     */
    public <T> Optional<T> parsed(String key, java.util.function.Function<String, T> parser) {
        return text(key).map(text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + " option '" + key + "': " + e.getMessage(), e);
            }
        });
    }

    /** An option naming a constant of {@code type}, case-insensitively. */
    public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        return value(key).map(value -> constant(key, value, type));
    }

    /**
     * A list of integers: a JSON/YAML list, comma-separated text such as {@code "64,32"}, or one
     * number. An empty list is allowed.
     */
    public Optional<List<Integer>> integers(String key) {
        return value(key).map(value -> elements(value).stream().map(element -> {
            long parsed = longOf(key, element);
            if (parsed != (int) parsed) {
                throw bad(key, value, "a list of integers");
            }
            return (int) parsed;
        }).toList());
    }

    /** A list of constants of {@code type}, written as {@link #integers} are. */
    public <E extends Enum<E>> Optional<List<E>> choices(String key, Class<E> type) {
        return value(key).map(value -> elements(value).stream().map(element -> constant(key, element, type)).toList());
    }

    private static List<?> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return List.copyOf(collection);
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.toString().split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private <E extends Enum<E>> E constant(String key, Object value, Class<E> type) {
        String name = value.toString().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            choices.append(choices.length() == 0 ? "" : ", ").append(constant.name());
        }
        throw bad(key, value, "one of " + choices);
    }

    /** Fails, naming them, if any key was never read by a getter. */
    public void rejectUnread() {
        Set<String> unread = new LinkedHashSet<>(values.keySet());
        unread.removeAll(read);
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException("unknown " + owner + " option" + (unread.size() > 1 ? "s " : " ")
                    + String.join(", ", unread.stream().map(key -> "'" + key + "'").toList())
                    + "; known options: " + String.join(", ", read));
        }
    }

    private Optional<Object> value(String key) {
        read.add(key);
        return Optional.ofNullable(values.get(key));
    }

    private long longOf(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            double real = number.doubleValue();
            if (real == Math.rint(real) && Math.abs(real) < 0x1p53) {
                return (long) real;
            }
            throw bad(key, value, "an integer");
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw bad(key, value, "an integer");
        }
    }

    private IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(owner + " option '" + key + "' must be " + expected + ", got '" + value + "'");
    }
}
