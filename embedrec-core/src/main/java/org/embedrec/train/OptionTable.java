package org.embedrec.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The declarative table of an options record: one row per option, giving its key (as written in
 * config files, {@code --set} pairs, {@code tune} search spaces and model files), a one-line
 * description, its {@link OptionType} and how to read it from and set it on the record. Everything
 * that turns options into text or back goes through a table, so an option is declared once: one
 * record component, one row.
 *
 * <p>A record that contains another (as every family's options contain {@link TrainingOptions})
 * {@linkplain #nest nests} the inner record's table: its keys join the outer namespace unchanged,
 * so a config file says {@code epochs: 10}, not {@code training.epochs: 10}.
 *
 * <p>Reading ({@link #with}) starts from a base value (a preset or the defaults), sets the given
 * keys in table order, and then lets the record's constructor validate: an unknown key, a value of
 * the wrong type and a value out of range are all errors naming the option.
 *
 * @param <O> the options record
 */
public final class OptionTable<O> {
    private final String owner;
    private final List<Row<O, ?>> rows = new ArrayList<>();
    private final List<Adjustment<O>> adjustments = new ArrayList<>();

    /** An empty table; {@code owner} names what the options configure in messages, e.g. {@code "bpr"}. */
    public OptionTable(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * One option of a table.
     *
     * @param key the option's name in config files, e.g. {@code "learningRate"}
     * @param description one line for help texts
     * @param type how values are read and written
     * @param getter reads the option from a record
     * @param wither a copy of a record with the option set
     */
    public record Row<O, V>(String key, String description, OptionType<V> type, Function<O, V> getter,
            BiFunction<O, V, O> wither) {
        Object write(O options) {
            return type.write(getter.apply(options));
        }

        O set(O options, Object raw, String owner) {
            V value;
            try {
                value = type.read(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + " option '" + key + "' " + e.getMessage(), e);
            }
            try {
                return wither.apply(options, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + " option '" + key + "': " + e.getMessage(), e);
            }
        }
    }

    /** A change a table makes after setting the given keys, e.g. epochs from a step schedule. */
    @FunctionalInterface
    public interface Adjustment<O> {
        O apply(O options, Set<String> givenKeys);
    }

    /** Adds a row; returns this table. */
    public <V> OptionTable<O> add(String key, String description, OptionType<V> type, Function<O, V> getter,
            BiFunction<O, V, O> wither) {
        if (row(key).isPresent()) {
            throw new IllegalStateException(owner + " declares option '" + key + "' twice");
        }
        rows.add(new Row<>(key, description, type, getter, wither));
        return this;
    }

    /**
     * Adds every row of {@code inner}, the table of a record held in component {@code getter}, under
     * the same keys; returns this table.
     */
    public <I> OptionTable<O> nest(OptionTable<I> inner, Function<O, I> getter, BiFunction<O, I, O> wither) {
        for (Row<I, ?> row : inner.rows) {
            addNested(row, getter, wither);
        }
        for (Adjustment<I> adjustment : inner.adjustments) {
            adjustments.add((options, given) -> wither.apply(options, adjustment.apply(getter.apply(options), given)));
        }
        return this;
    }

    private <I, V> void addNested(Row<I, V> row, Function<O, I> getter, BiFunction<O, I, O> wither) {
        add(row.key(), row.description(), row.type(), options -> row.getter().apply(getter.apply(options)),
                (options, value) -> wither.apply(options, row.wither().apply(getter.apply(options), value)));
    }

    /** Adds a change made after the given keys are set; returns this table. */
    public OptionTable<O> adjust(Adjustment<O> adjustment) {
        adjustments.add(adjustment);
        return this;
    }

    /** What the options configure, as in messages. */
    public String owner() {
        return owner;
    }

    /** The keys, in table order. */
    public List<String> keys() {
        return rows.stream().map(Row::key).toList();
    }

    /** The row of {@code key}, if there is one. */
    public Optional<Row<O, ?>> row(String key) {
        return rows.stream().filter(row -> row.key().equals(key)).findFirst();
    }

    /** Every option of {@code options} as a JSON value, in table order: what config and model files store. */
    public Map<String, Object> toMap(O options) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Row<O, ?> row : rows) {
            map.put(row.key(), row.write(options));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * {@code base} with the options in {@code values} set: JSON values or their text (see
     * {@link OptionType}); absent keys keep {@code base}'s values.
     *
     * @throws IllegalArgumentException naming the owner and the option for an unknown key (listing
     *     the known ones), a value of the wrong type or a value the record rejects
     */
    public O with(O base, Map<String, ?> values) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(keys());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + owner + " option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(key -> "'" + key + "'").toList())
                    + "; known options: " + String.join(", ", keys()));
        }
        O options = base;
        for (Row<O, ?> row : rows) {
            Object raw = values.get(row.key());
            if (raw == null) {
                continue;
            }
            options = row.set(options, raw, owner);
        }
        for (Adjustment<O> adjustment : adjustments) {
            options = adjustment.apply(options, values.keySet());
        }
        return options;
    }

    /**
     * The natural type of a value typed on a command line: an integer, a real number, true/false, or
     * else the text itself; {@link #with} accepts either form, so this only matters where the value is
     * shown or stored, e.g. {@code --set dimensions=128} is recorded as the number 128.
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
}
