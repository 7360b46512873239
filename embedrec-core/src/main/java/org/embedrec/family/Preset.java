package org.embedrec.family;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.embedrec.train.OptionTable;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.SearchSpace;

/**
 * A named model configuration ({@code train --config NAME}, {@code compare --configs a,b}, config
 * files): a family's option table, the options the name stands for, and the trainer they make.
 * Options a user gives are set over the preset's through the table.
 *
 * @param name the name users type, e.g. {@code bpr-warp}
 * @param description one line for help texts
 * @param table the family's option table
 * @param options the options this name stands for
 * @param trainer the family's trainer for given options
 * @param searchSpace what {@code tune} searches when not told ({@link SearchSpace} syntax), or empty
 *     for none: a family's choice of the options that matter, in ranges around its defaults
 * @param <O> the family's options record
 */
public record Preset<O>(String name, String description, OptionTable<O> table, O options,
        Function<O, RecommenderTrainer<?>> trainer, String searchSpace) {
    public Preset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(searchSpace, "searchSpace");
    }

    /**
     * A preset whose options are {@code defaults} with {@code overrides} set by key.
     *
     * @throws IllegalArgumentException if an override is unknown or invalid (a bug in the family)
     */
    public static <O> Preset<O> of(String name, String description, OptionTable<O> table, O defaults,
            Map<String, ?> overrides, Function<O, RecommenderTrainer<?>> trainer) {
        return new Preset<>(name, description, table, table.with(defaults, overrides), trainer, "");
    }

    /**
     * This preset with a default {@code tune} search space.
     *
     * @throws IllegalArgumentException if the space does not parse or does not fit the options (a bug in the family)
     */
    public Preset<O> withSearchSpace(String space) {
        Preset<O> preset = new Preset<>(name, description, table, options, trainer, space);
        preset.check(SearchSpace.parse(space));
        return preset;
    }

    /** The search space {@code tune} uses when not given one, if the family declares one. */
    public Optional<SearchSpace> defaultSearchSpace() {
        return searchSpace.isBlank() ? Optional.empty() : Optional.of(SearchSpace.parse(searchSpace));
    }

    /**
     * The trainer for this preset with {@code overrides} set over its options.
     *
     * @throws IllegalArgumentException naming an unknown or invalid option
     */
    public RecommenderTrainer<?> create(Map<String, ?> overrides) {
        return trainer.apply(table.with(options, overrides));
    }

    /** Every key this preset accepts with its one-line description, in table order. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : table.keys()) {
            keys.put(key, table.row(key).orElseThrow().description());
        }
        return keys;
    }

    /** Checks a {@code tune} search space against this preset's options (see {@link SearchSpace#checkFor}). */
    public void check(SearchSpace space) {
        space.checkFor(name, table, options);
    }
}
