package org.embedrec.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.train.OptionTable;
import org.embedrec.family.Trainers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line flags choosing a model and its options, shared by every command that trains
 * ({@code train}, {@code compare}, {@code tune}, {@code bench}, {@code demo}). The typed flags are
 * shortcuts for common options: each puts its text into the options map under the option's key,
 * where the model's option table reads it (once) and rejects it by name if the model has no such
 * option; defaults are the model's own. {@code --set} reaches every option of every model.
 */
final class TrainingFlags {
    @Option(names = "--dimensions", paramLabel = "D", description = "embedding width")
    String dimensions;

    @Option(names = "--epochs", paramLabel = "N", description = "maximum epochs")
    String epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "examples per optimizer step")
    String batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "SGD, ADAGRAD, ADAM or ADAM_DENSE (Keras dense Adam)")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "SCHEDULE",
            description = "0.005 (constant), 3@0.01,2@0.001 (steps; sets --epochs to their sum unless given) or 0.01*0.9 (decay per epoch)")
    String learningRate;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 regularization of the factors or embeddings, per rating")
    String l2;

    @Option(names = "--bias-l2", paramLabel = "LAMBDA", description = "L2 on biases per rating")
    String biasL2;

    @Option(names = "--no-biases", description = "no user/item biases (the tutorials' plain dot-product model)")
    boolean noBiases;

    @Option(names = "--linear", description = "linear output instead of a sigmoid scaled to the rating range")
    boolean linear;

    @Option(names = "--range", paramLabel = "LOW:HIGH", description = "sigmoid output range (default: the data's min:max)")
    String range;

    @Option(names = "--loss", paramLabel = "NAME", description = "rating loss: MSE or MAE (BCE for the neural models)")
    String loss;

    @Option(names = "--init", paramLabel = "NAME", description = "UNIFORM, NORMAL or HE_NORMAL")
    String initializer;

    @Option(names = "--init-scale", paramLabel = "S", description = "uniform bound or normal stddev of the initializer")
    String initScale;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of initialization and shuffling")
    String seed;

    @Option(names = "--threads", paramLabel = "N", description = "training threads; 1 is bit-reproducible")
    String threads;

    @Option(names = "--patience", paramLabel = "P",
            description = "stop after P epochs without improvement on a validation part of the training data (0: off)")
    String patience;

    @Mixin
    ImplicitFlags implicit;

    @Option(names = "--config", paramLabel = "NAME|FILE",
            description = "what to train: a named configuration (${COMPLETION-CANDIDATES}) or a configuration file"
                    + " (.json, .yaml, e.g. tune's best.yaml); default mf (mf-sgd for bench)",
            completionCandidates = ModelNames.class)
    String config;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** {@code --model} names a model file in every other command, so here it is refused with the right flag. */
    @Option(names = "--model", paramLabel = "NAME", hidden = true)
    void refuseModelFlag(String value) {
        throw new ParameterException(spec.commandLine(), "--model names a trained model file; to choose what to train use"
                + " --config " + value + " (a configuration name or file)");
    }

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "any model option by name, as in config files (repeatable; overrides the flags above)")
    Map<String, String> set = new LinkedHashMap<>();

    /**
     * The configuration to train: the named configuration or configuration file of {@code --config}
     * (or mf), then the flags given, then {@code --set} pairs, later ones winning.
     */
    ModelConfig toConfig() throws IOException {
        return toConfig("mf");
    }

    /** {@link #toConfig()} with another default model, for commands whose natural subject is another model. */
    ModelConfig toConfig(String defaultModel) throws IOException {
        ModelConfig base = ModelConfig.named(config != null ? config : defaultModel);
        Map<String, Object> options = new LinkedHashMap<>(base.options());
        options.putAll(flagOptions());
        options.putAll(implicit.flagOptions());
        options.putAll(OptionTable.scalars(set));
        // Building the configuration builds its trainer: a bad option fails now, before any data is loaded.
        return new ModelConfig(base.model(), options);
    }

    /** The options set by the typed flags, under their config-file keys, as the text given. */
    private Map<String, Object> flagOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        putIfGiven(options, "dimensions", dimensions);
        putIfGiven(options, "epochs", epochs);
        putIfGiven(options, "batchSize", batchSize);
        putIfGiven(options, "optimizer", optimizer);
        putIfGiven(options, "learningRate", learningRate);
        putIfGiven(options, "l2", l2);
        putIfGiven(options, "biasL2", biasL2);
        if (noBiases) {
            options.put("biases", false);
        }
        if (linear) {
            options.put("sigmoid", false);
        }
        if (range != null) {
            String[] ends = range.split(":", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("bad --range '" + range + "': expected LOW:HIGH, e.g. 0.5:5");
            }
            options.put("rangeLow", ends[0]);
            options.put("rangeHigh", ends[1]);
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
            options.put(key, value);
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
