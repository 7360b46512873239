package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.Splits;
import org.embedrec.io.MovieLens;

/**
 * The three parts a command-line training run uses, rebuilt identically from the recorded split
 * text and seed: {@code fit} (what the model trains on), {@code validation} (held out of the
 * training part for early stopping, or null) and {@code test} (never used for any choice).
 *
 * @param all the training part of the split (fit plus validation): what a user "has rated"
 */
record TrainingData(Ratings all, Ratings fit, Ratings validation, Ratings test) {
    /** Fraction of the training part held out for early stopping when patience is on. */
    static final double VALIDATION_FRACTION = 0.1;

    static TrainingData of(Dataset data, java.nio.file.Path dir, SplitSpec spec, long seed, boolean earlyStopping) {
        Split split = MovieLens.split(dir, spec, data.ratings(), seed);
        if (!earlyStopping) {
            return new TrainingData(split.train(), split.train(), null, split.test());
        }
        Split inner = Splits.randomHoldout(split.train(), VALIDATION_FRACTION, seed + 1);
        return new TrainingData(split.train(), inner.train(), inner.test(), split.test());
    }

    /** Entries recorded in the model file so that this split can be rebuilt. */
    static Map<String, Object> provenance(java.nio.file.Path dir, SplitSpec spec, long seed, boolean earlyStopping) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cli.data", dir.toAbsolutePath().normalize().toString());
        map.put("cli.split", spec.toString());
        map.put("cli.splitSeed", seed);
        map.put("cli.earlyStopping", earlyStopping);
        return map;
    }
}
