package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;

/**
 * The three parts a command-line training run uses, rebuilt identically from the recorded split
 * text and seed: {@code fit} (what the model trains on), {@code validation} (held out of the
 * training part for early stopping, or null) and {@code test} (never used for any choice).
 *
 * @param all the training part of the split (fit plus validation): what a user "has rated"
 */
record TrainingData(Ratings all, Ratings fit, Ratings validation, Ratings test) {
    /**
     * The fraction of the training part {@code trainer} holds out for early stopping: its
     * {@code validation} option when its {@code patience} is on, else 0.
     */
    static double validationFraction(org.embedrec.train.RecommenderTrainer<?> trainer) {
        return trainer.training().filter(training -> training.patience() > 0)
                .map(org.embedrec.train.TrainingOptions::validation).orElse(0.0);
    }

    /**
     * @param validationFraction the fraction of the training part held out as the validation part; 0 = none
     */
    static TrainingData of(Dataset data, java.nio.file.Path dir, SplitSpec spec, long seed, double validationFraction) {
        Split split = spec.apply(data.ratings(), dir, seed);
        if (validationFraction == 0) {
            return new TrainingData(split.train(), split.train(), null, split.test());
        }
        Split inner = Splits.randomHoldout(split.train(), validationFraction, seed + 1);
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
