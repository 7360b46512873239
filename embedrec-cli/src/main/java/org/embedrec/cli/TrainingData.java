package org.embedrec.cli;

import java.io.PrintStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.train.TrainingOptions;

/**
 * The three parts a command-line training run uses, rebuilt identically from the recorded split
 * text and seed: {@code fit} (what the model trains on), {@code validation} (held out of the
 * training part, stratified per user as {@link TrainingOptions#validationSplit} says, scored after
 * every epoch and watched by early stopping; null when early stopping is off) and {@code test}
 * (scored once, after training, and never used for any choice).
 *
 * @param all the training part of the split (fit plus validation): what a user "has rated"
 */
record TrainingData(Ratings all, Ratings fit, Ratings validation, Ratings test) {
    /** The split seed of models whose provenance records no split (the {@code --split-seed} default). */
    static final long DEFAULT_SPLIT_SEED = 42L;

    /**
     * The share of each user's training ratings {@code trainer} holds out for validation: its
     * {@code validation} option when early stopping is on (the default), else 0.
     */
    static double validationFraction(org.embedrec.train.RecommenderTrainer<?> trainer) {
        return trainer.training().filter(TrainingOptions::earlyStopping).map(TrainingOptions::validation).orElse(0.0);
    }

    /**
     * @param validationFraction the fraction of the training part held out as the validation part; 0 = none
     */
    static TrainingData of(Dataset data, DataSpec source, SplitSpec spec, long seed, double validationFraction) {
        Split split = DataLoader.split(source, spec, data.ratings(), seed);
        if (validationFraction == 0) {
            return new TrainingData(split.train(), split.train(), null, split.test());
        }
        Split inner = TrainingOptions.validationSplit(split.train(), validationFraction, seed + 1);
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
