package org.embedrec.cli;

import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Loss;
import org.embedrec.train.MatrixFactorizationTrainer.Options;
import org.embedrec.train.Optimizer;
import picocli.CommandLine.Option;

/** Command-line flags of the matrix factorization trainer; unset flags keep the library defaults. */
final class TrainingFlags {
    @Option(names = "--dimensions", paramLabel = "D", description = "embedding width (default 64)")
    Integer dimensions;

    @Option(names = "--epochs", paramLabel = "N", description = "maximum epochs (default 20)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "ratings per optimizer step (default 64)")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "SGD, ADAGRAD or ADAM (default ADAM)")
    Optimizer optimizer;

    @Option(names = "--learning-rate", paramLabel = "SCHEDULE",
            description = "0.005 (constant), 3@0.01,2@0.001 (steps; sets --epochs to their sum unless given) or 0.01*0.9 (decay per epoch); default 0.005")
    String schedule;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 on factors per rating (default 0.1)")
    Double l2;

    @Option(names = "--bias-l2", paramLabel = "LAMBDA", description = "L2 on biases per rating (default 0.01)")
    Double biasL2;

    @Option(names = "--no-biases", description = "no user/item biases (the tutorials' plain dot-product model)")
    boolean noBiases;

    @Option(names = "--linear", description = "linear output instead of a sigmoid scaled to the rating range")
    boolean linear;

    @Option(names = "--range", paramLabel = "LOW:HIGH", description = "sigmoid output range (default: the data's min:max)")
    String range;

    @Option(names = "--loss", paramLabel = "NAME", description = "MSE or MAE (default MSE)")
    Loss loss;

    @Option(names = "--init", paramLabel = "NAME", description = "UNIFORM, NORMAL or HE_NORMAL (default NORMAL)")
    Initializer initializer;

    @Option(names = "--init-scale", paramLabel = "S", description = "uniform bound or normal stddev (default 0.05)")
    Double initScale;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of initialization and shuffling (default 42)")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "training threads; 1 is bit-reproducible (default 1)")
    Integer threads;

    @Option(names = "--patience", paramLabel = "P",
            description = "stop after P epochs without improvement on a validation part of the training data (default 0: off)")
    Integer patience;

    /** Fails naming the flags that only the rating (mf) model has, for the ranking models. */
    void rejectRatingModelFlags() {
        java.util.List<String> given = new java.util.ArrayList<>();
        if (biasL2 != null) {
            given.add("--bias-l2");
        }
        if (noBiases) {
            given.add("--no-biases");
        }
        if (linear) {
            given.add("--linear");
        }
        if (range != null) {
            given.add("--range");
        }
        if (loss != null) {
            given.add("--loss (use --pairwise-loss)");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " only apply to --model mf");
        }
    }

    /** The library defaults overridden by the flags given. */
    Options toOptions() {
        Options.Builder b = Options.builder();
        if (dimensions != null) {
            b.dimensions(dimensions);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (optimizer != null) {
            b.optimizer(optimizer);
        }
        if (schedule != null) {
            LearningRateSchedule parsed = LearningRateSchedule.parse(schedule);
            b.schedule(parsed);
            if (epochs == null && parsed.stepEpochs() > 0) {
                b.epochs(parsed.stepEpochs());
            }
        }
        if (l2 != null) {
            b.l2(l2);
        }
        if (biasL2 != null) {
            b.biasL2(biasL2);
        }
        b.biases(!noBiases).sigmoid(!linear);
        if (range != null) {
            String[] ends = range.split(":");
            try {
                b.range(Double.parseDouble(ends[0]), Double.parseDouble(ends[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("bad --range '" + range + "': expected LOW:HIGH, e.g. 0.5:5");
            }
        }
        if (loss != null) {
            b.loss(loss);
        }
        Options defaults = Options.defaults();
        if (initializer != null || initScale != null) {
            b.initializer(initializer != null ? initializer : defaults.initializer(),
                    initScale != null ? initScale : defaults.initScale());
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (patience != null) {
            b.patience(patience);
        }
        return b.build();
    }
}
