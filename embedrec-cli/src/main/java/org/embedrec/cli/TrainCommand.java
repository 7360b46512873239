package org.embedrec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.io.AtomicFiles;
import org.embedrec.data.SplitSpec;
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

    @Override
    public Integer call() throws Exception {
        ModelConfig config = training.toConfig();
        SplitSpec spec = SplitSpec.parse(split);
        AtomicFiles.checkWritable(out); // before minutes of training, not after
        Dataset dataset = data.load(System.out);
        Recommender model = TrainAndEvaluate.run(dataset, data.dir(), spec, splitSeed, config, training.implicit.k(), System.out,
                !noProgress && System.console() != null);
        ModelFiles.save(model, out);
        System.out.println("saved model to " + out);
        return 0;
    }
}
