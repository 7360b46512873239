package org.embedrec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.train.OptionValues;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Loss;
import org.embedrec.train.Optimizer;
import org.embedrec.train.Trainers;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command-line flags choosing a model and its options. The typed flags are shortcuts for the common
 * options (their defaults, shown for mf, come from the model's preset); {@code --set} reaches every
 * option of every model. Flags a model does not have are rejected by name.
 */
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

    @Mixin
    ImplicitFlags implicit;

    @Option(names = "--model", paramLabel = "NAME",
            description = "model configuration: ${COMPLETION-CANDIDATES} (default mf, or the config file's)",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--config", paramLabel = "FILE", description = "model configuration file (.json, .yaml): model and options")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "any model option by name, as in config files (repeatable; overrides the flags above)")
    Map<String, String> set = new LinkedHashMap<>();

    /**
     * The configuration to train: the named model (or the config file's, or mf), with options from
     * the config file, then the flags given, then {@code --set} pairs, later ones winning.
     */
    ModelConfig toConfig() throws IOException {
        ModelConfig base = config != null ? ModelConfig.read(config) : new ModelConfig("mf", Map.of());
        if (model != null && config != null && !model.equals(base.model())) {
            throw new IllegalArgumentException("--model " + model + " contradicts " + config + ", which configures "
                    + base.model());
        }
        ModelConfig chosen = model != null ? new ModelConfig(model, base.options()) : base;
        ModelConfig configured = chosen.with(flagOptions()).with(implicit.flagOptions()).with(OptionValues.scalars(set));
        configured.trainer(); // fails now, naming the option, rather than after loading the data
        return configured;
    }

    /** The options set by the typed flags, under their config-file keys. */
    private Map<String, Object> flagOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        putIfGiven(options, "dimensions", dimensions);
        putIfGiven(options, "epochs", epochs);
        putIfGiven(options, "batchSize", batchSize);
        putIfGiven(options, "optimizer", optimizer);
        if (schedule != null) {
            options.put("learningRate", schedule);
            int stepEpochs = LearningRateSchedule.parse(schedule).stepEpochs();
            if (epochs == null && stepEpochs > 0) {
                options.put("epochs", stepEpochs);
            }
        }
        putIfGiven(options, "l2", l2);
        putIfGiven(options, "biasL2", biasL2);
        if (noBiases) {
            options.put("biases", false);
        }
        if (linear) {
            options.put("sigmoid", false);
        }
        if (range != null) {
            String[] ends = range.split(":");
            try {
                options.put("rangeLow", Double.parseDouble(ends[0]));
                options.put("rangeHigh", Double.parseDouble(ends[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("bad --range '" + range + "': expected LOW:HIGH, e.g. 0.5:5");
            }
        }
        putIfGiven(options, "loss", loss);
        putIfGiven(options, "initializer", initializer);
        putIfGiven(options, "initScale", initScale);
        putIfGiven(options, "seed", seed);
        putIfGiven(options, "threads", threads);
        putIfGiven(options, "patience", patience);
        return options;
    }

    static void putIfGiven(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value instanceof Enum<?> constant ? constant.name() : value);
        }
    }

    /** The model names for help text and shell completion. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Trainers.names().iterator();
        }
    }
}
