package org.embedrec.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.io.AtomicFiles;
import org.embedrec.data.SplitSpec;
import org.embedrec.family.Trainers;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedrec train}: fit a model, evaluate it against baselines, save it. */
@Command(name = "train", description = "Train a model on a split, evaluate it against baselines and save it.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Mixin
    TrainingFlags training;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT, description = SplitSpec.SYNTAX + " (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42", description = "seed of random splits (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "model.safetensors", description = "model file to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--no-progress", description = "no progress bars (epoch lines are still printed)")
    boolean noProgress;

    @SuppressWarnings("deprecation") // help = true: like --help, it needs none of the required options
    @Option(names = "--show-options", help = true,
            description = "list every option of the chosen model (with --config, the flags and --set applied): key, value, meaning; then exit")
    boolean showOptions;

    @Override
    public Integer call() throws Exception {
        ModelConfig config = training.toConfig();
        if (showOptions) {
            System.out.print(optionTable(config));
            return 0;
        }
        SplitSpec spec = SplitSpec.parse(split);
        AtomicFiles.checkWritable(out); // before minutes of training, not after
        Dataset dataset = data.load(System.out);
        Recommender model = TrainAndEvaluate.run(dataset, data.spec(), spec, splitSeed, config, training.implicit.k(), System.out,
                !noProgress && System.console() != null);
        ModelFiles.save(model, out);
        System.out.println("saved model to " + out);
        return 0;
    }

    /** The configured trainer's options as a table: the keys {@code --set} and config files take. */
    static String optionTable(ModelConfig config) {
        Map<String, String> meanings = Trainers.preset(config.model()).keys();
        Map<String, Object> values = config.trainer().optionsMap();
        int keyWidth = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        int valueWidth = values.values().stream().mapToInt(value -> String.valueOf(value).length()).max().orElse(0);
        StringBuilder text = new StringBuilder(config.model() + " (" + config.trainer().kind() + "): "
                + Trainers.describe(config.model()) + System.lineSeparator());
        values.forEach((key, value) -> text.append(String.format(java.util.Locale.ROOT, "  %-" + keyWidth + "s  %-"
                + valueWidth + "s  %s%n", key, value, meanings.getOrDefault(key, ""))));
        return text.toString();
    }
}
