package org.embedrec.cli;

import java.io.PrintStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.Splits;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;

/**
 * The three parts a command-line training run uses, rebuilt identically from the recorded split
 * text and seed: {@code fit} (what the model trains on), {@code validation} (held out of the
 * training part for early stopping, or null) and {@code test} (never used for any choice).
 *
 * @param all the training part of the split (fit plus validation): what a user "has rated"
 */
record TrainingData(Ratings all, Ratings fit, Ratings validation, Ratings test) {
    /** The split seed of models whose provenance records no split (the {@code --split-seed} default). */
    static final long DEFAULT_SPLIT_SEED = 42L;

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
    static TrainingData of(Dataset data, DataSpec source, SplitSpec spec, long seed, double validationFraction) {
        Split split = DataLoader.split(source, spec, data.ratings(), seed);
        if (validationFraction == 0) {
            return new TrainingData(split.train(), split.train(), null, split.test());
        }
        Split inner = Splits.randomHoldout(split.train(), validationFraction, seed + 1);
        return new TrainingData(split.train(), inner.train(), inner.test(), split.test());
    }

    /** {@code provenance} with this run's data source and split recorded, so that {@link #rebuild} can redo it. */
    static Provenance record(Provenance provenance, DataSpec source, SplitSpec spec, long seed, boolean earlyStopping) {
        return provenance.withDataSource(source.toRecorded())
                .withSplit(spec.toString(), seed, earlyStopping);
    }

    /**
     * The parts of {@code data} (loaded from {@code source}) that the split recorded in {@code info} gives,
     * or those of the default split when none is recorded; warns on {@code out} when they are not the
     * ratings the model was fitted on.
     */
    static TrainingData rebuild(Dataset data, DataSpec source, ModelInfo info, PrintStream out) {
        Provenance provenance = info.provenance();
        SplitSpec spec = SplitSpec.parse(provenance.hasSplit() ? provenance.split() : SplitSpec.DEFAULT);
        long seed = provenance.hasSplit() ? provenance.splitSeed() : DEFAULT_SPLIT_SEED;
        // Models from before the validation option held out a tenth.
        double validation = info.hyperparameters().get("validation") instanceof Number fraction
                ? fraction.doubleValue() : 0.1;
        TrainingData parts = of(data, source, spec, seed, provenance.earlyStopping() ? validation : 0);
        if (!parts.fit().fingerprint().equals(provenance.dataFingerprint())) {
            out.println("warning: rebuilding split " + spec + " (seed " + seed + ") of " + source.describe()
                    + " does not give the ratings the model was trained on; test figures may be optimistic");
        }
        return parts;
    }
}
